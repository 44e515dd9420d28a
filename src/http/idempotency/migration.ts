import type { Migration } from '../../platform/db.js';

/** One row per (scope, key): first in progress, then the stored answer, for at least 24 h. */
export const idempotencyKeysMigration: Migration = {
  name: '0005_idempotency_keys',
  async up(knex) {
    await knex.raw(`
      create table gs_idempotency_keys (
        scope text not null,
        key text not null check (char_length(key) between 1 and 255),
        fingerprint text not null,
        status text not null check (status in ('in_progress', 'completed')),
        lock_token uuid,
        response_status integer,
        response_headers jsonb,
        response_body bytea,
        created_at timestamptz not null default now(),
        locked_until timestamptz,
        primary key (scope, key)
      );
      create index gs_idempotency_keys_created_at on gs_idempotency_keys (created_at);
    `);
  },
  async down(knex) {
    await knex.raw('drop table if exists gs_idempotency_keys');
  },
};
