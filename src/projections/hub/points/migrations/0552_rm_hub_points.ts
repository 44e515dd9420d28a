import { sqlMigration } from '../../../../platform/db.js';

/** Each customer's points entries (earned, spent); the balance is kept on the customer's row (points_balance). */
export const pointsMigration = sqlMigration(
  '0552_rm_hub_points',
  `
    create table rm_hub_points (
      id uuid primary key,
      hub_id uuid not null,
      program_id uuid not null,
      customer_id uuid not null,
      operation_type text not null,
      value integer not null,
      operation_date text not null,
      transaction_id uuid,
      reward_id uuid,
      -- The entry's place in the customer's ledger: the history's order.
      revision bigint not null
    );
    create index rm_hub_points_customer on rm_hub_points (customer_id, revision desc);
  `,
);
