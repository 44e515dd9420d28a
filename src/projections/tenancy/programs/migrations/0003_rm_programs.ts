import { sqlMigration } from '../../../../platform/db.js';

export const programsMigration = sqlMigration(
  '0003_rm_programs',
  `
      create table rm_programs (
        id uuid primary key,
        name text not null,
        api_key text not null unique,
        api_secret_digest text not null unique,
        settings jsonb not null,
        created_at timestamptz not null,
        version bigint not null
      );
    `,
);
