import { sqlMigration } from '../../../../platform/db.js';

export const membersMigration = sqlMigration(
  '0004_rm_members',
  `
      create table rm_members (
        id uuid primary key,
        program_id uuid not null,
        email text not null,
        first_name text not null,
        last_name text not null,
        city text not null,
        zipcode text not null,
        street text,
        phone text,
        birthday text,
        code_partner text,
        picture text,
        cause_id text,
        subscription text,
        amount bigint,
        currency text,
        subscribed_since timestamptz,
        ambassador boolean not null default false,
        trial_done boolean not null default false,
        password_hash text not null,
        registered_at timestamptz not null,
        version bigint not null,
        unique (program_id, email)
      );
      create table rm_member_sessions (
        id uuid primary key,
        member_id uuid not null,
        program_id uuid not null,
        token_digest text not null unique,
        method text not null,
        active boolean not null,
        signed_in_at timestamptz not null,
        signed_out_at timestamptz
      );
    `,
);
