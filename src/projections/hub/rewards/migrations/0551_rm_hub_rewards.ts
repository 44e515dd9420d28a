import { sqlMigration } from '../../../../platform/db.js';

/** Each customer's reward occurrences and their progress; and the reward engine's place in the log. */
export const rewardsMigration = sqlMigration(
  '0551_rm_hub_rewards',
  `
    create table rm_hub_rewards (
      id uuid primary key,
      hub_id uuid not null,
      program_id uuid not null,
      customer_id uuid not null,
      offer_id uuid not null,
      occurrence integer not null,
      status text not null,
      value bigint not null,
      target bigint not null,
      reward_value bigint,
      settlement text,
      cashback_id uuid,
      started_at timestamptz not null,
      updated_at timestamptz not null,
      version bigint not null
    );
    create index rm_hub_rewards_customer on rm_hub_rewards (customer_id, started_at desc, id);
    create table hub_reward_engine (
      name text primary key,
      commit_position bigint not null,
      prepare_position bigint not null,
      updated_at timestamptz not null default now()
    );
  `,
);
