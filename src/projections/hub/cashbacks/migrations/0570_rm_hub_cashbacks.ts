import { sqlMigration } from '../../../../platform/db.js';

/**
 * A hub's cashbacks with their state and what REST shows of them; one row per cashbacks_updated sent (the pushed
 * list); the cashback method's own version guard on the customers row (the customers projection keeps `version`);
 * and the cashback process's place in the log.
 */
export const cashbacksMigration = sqlMigration(
  '0570_rm_hub_cashbacks',
  `
      create table rm_hub_cashbacks (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        customer_id uuid not null,
        customer_external_id text,
        external_id text,
        origin text not null,
        reward_id uuid,
        -- Minor units, positive.
        amount bigint not null,
        currency text not null,
        label text not null,
        -- requested, submitted, succeeded, failed, received, rejected
        state text not null,
        held boolean not null default false,
        attempts integer not null default 0,
        transfer_id text,
        retry_at timestamptz,
        submitted_at timestamptz,
        requested_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create unique index rm_hub_cashbacks_external on rm_hub_cashbacks (hub_id, external_id);
      create index rm_hub_cashbacks_customer on rm_hub_cashbacks (customer_id, requested_at, id);
      create index rm_hub_cashbacks_due on rm_hub_cashbacks (hub_id, state) where state in ('requested', 'submitted', 'failed', 'succeeded');
      create table rm_hub_cashback_pushes (
        event_id uuid primary key,
        cashback_id uuid not null,
        hub_id uuid not null,
        status text not null,
        pushed_at timestamptz not null
      );
      create index rm_hub_cashback_pushes_hub on rm_hub_cashback_pushes (hub_id, pushed_at, event_id);
      alter table rm_hub_customers add column cashback_method_version bigint not null default -1;
      create table hub_cashback_process (
        name text primary key,
        commit_position numeric(20) not null,
        prepare_position numeric(20) not null
      );
    `,
);
