import type { Migration } from '../../../../platform/db.js';

export const programsMigration: Migration = {
  name: '0003_rm_programs',
  async up(knex) {
    await knex.raw(`
      create table rm_programs (
        id uuid primary key,
        name text not null,
        api_key text not null unique,
        api_secret_digest text not null unique,
        settings jsonb not null,
        created_at timestamptz not null,
        version bigint not null
      );
    `);
  },
};
