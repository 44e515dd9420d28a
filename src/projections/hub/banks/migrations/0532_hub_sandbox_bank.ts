import { sqlMigration } from '../../../../platform/db.js';

/**
 * Outside the event stream: the sandbox bank's own memory, as a real bank keeps one (its accounts, their syncs and
 * injected transactions) and the key that signs its codes, so a consent outlives the process and every API and
 * worker process agrees.
 */
export const sandboxBankMigration = sqlMigration(
  '0532_hub_sandbox_bank',
  `
      create table hub_sandbox_bank_accounts (
        provider_connection_id text primary key,
        login text not null,
        -- ISO 8601 text, compared as the adapter compares it.
        consent_expires_at text not null,
        syncs integer not null default 0,
        reauthorised boolean not null default false,
        invalid boolean not null default false
      );
      create table hub_sandbox_bank_feed (
        provider_connection_id text not null,
        position integer not null,
        transaction jsonb not null,
        primary key (provider_connection_id, position)
      );
      -- One row: the HMAC key of the sandbox bank's codes.
      create table hub_sandbox_bank_key (
        id integer primary key check (id = 1),
        secret text not null
      );
    `,
);
