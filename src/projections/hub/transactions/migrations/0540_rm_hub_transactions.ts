import { sqlMigration } from '../../../../platform/db.js';

/**
 * Customers' card transactions with their match and push, and when each bank connection was last synced (what
 * bankSync finds due).
 */
export const transactionsMigration = sqlMigration(
  '0540_rm_hub_transactions',
  `
      create table rm_hub_transactions (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        customer_id uuid not null,
        connection_id uuid not null,
        label text not null,
        -- Minor units; a debit is negative.
        amount bigint not null,
        currency text not null,
        purchase_date text not null,
        date_banking_statement text not null,
        data_provider_type text not null,
        status text not null,
        unmatched_reason text,
        store_id uuid,
        store_external_id text,
        store_type text,
        -- Where the match (or association) stands in the global log: batches are pushed in this order.
        match_position text,
        batch_id uuid,
        pushed_at timestamptz,
        imported_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_hub_transactions_unpushed on rm_hub_transactions (hub_id, match_position)
        where status = 'matched' and batch_id is null;
      create index rm_hub_transactions_customer on rm_hub_transactions (customer_id, purchase_date, id);
      create index rm_hub_transactions_pushed on rm_hub_transactions (hub_id, pushed_at, batch_id)
        where batch_id is not null;
      create index rm_hub_transactions_unmatched on rm_hub_transactions (hub_id, purchase_date)
        where status = 'unmatched';
      create table rm_hub_bank_syncs (
        connection_id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        live boolean not null,
        created_at timestamptz not null,
        last_synced_at timestamptz,
        version bigint not null
      );
      create index rm_hub_bank_syncs_due on rm_hub_bank_syncs (last_synced_at nulls first) where live;
    `,
);
