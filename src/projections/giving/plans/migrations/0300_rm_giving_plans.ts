import { sqlMigration } from '../../../../platform/db.js';

export const plansMigration = sqlMigration(
  '0300_rm_giving_plans',
  `
      create table rm_giving_plans (
        id uuid primary key,
        program_id uuid not null,
        campaign_id text not null,
        frequency text not null,
        status text not null,
        method text not null,
        amount bigint not null,
        fee_covered bigint not null,
        cover_fee boolean not null,
        currency text not null,
        first_name text not null,
        last_name text not null,
        email text not null,
        phone text,
        has_payment_token boolean not null,
        start_at timestamptz not null,
        end_at timestamptz,
        next_bill_date timestamptz,
        -- The pending period and charge attempt: the billing job's id.
        period integer not null default 0,
        attempt integer not null default 0,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_giving_plans_program on rm_giving_plans (program_id, created_at, id);
      create index rm_giving_plans_due on rm_giving_plans (next_bill_date) where status in ('active', 'past_due');
    `,
);
