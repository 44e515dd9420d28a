import { sqlMigration } from '../../../../platform/db.js';

/**
 * Receipts (flow 4) and claims (flow 5) as the routes list them, and the scan transaction's fields on the
 * transactions' rows: a transaction a receipt or a claim made names that source instead of a bank connection.
 */
export const receiptsMigration = sqlMigration(
  '0590_rm_hub_receipts',
  `
      create table rm_hub_receipts (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        customer_id uuid not null,
        status text not null,
        rejection_reason text,
        image_digest text not null,
        image_size bigint not null,
        media_type text not null,
        filename text,
        ocr_business_identifier text,
        ocr_total bigint,
        ocr_currency text,
        ocr_date text,
        ocr_time text,
        ocr_payment_method text,
        declared_store_id uuid,
        declared_store_name text,
        store_id uuid,
        store_external_id text,
        store_type text,
        -- Minor units, a debit negative; set once validated.
        amount bigint,
        currency text,
        purchase_date text,
        time_of_purchase text,
        transaction_id uuid,
        uploaded_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_hub_receipts_hub on rm_hub_receipts (hub_id, status, uploaded_at, id);
      create index rm_hub_receipts_customer on rm_hub_receipts (customer_id, uploaded_at);
      create table rm_hub_claims (
        id uuid primary key,
        hub_id uuid not null,
        program_id uuid not null,
        customer_id uuid not null,
        customer_external_id text,
        store_id uuid not null,
        store_external_id text not null,
        store_name text not null,
        amount bigint not null,
        currency text not null,
        transaction_date text not null,
        additional_feedback text,
        attachment_digest text,
        attachment_size bigint,
        attachment_media_type text,
        status text not null,
        code text,
        rejection_reason text,
        transaction_id uuid,
        filed_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_hub_claims_hub on rm_hub_claims (hub_id, status, filed_at, id);
      create index rm_hub_claims_customer on rm_hub_claims (customer_id, store_id, transaction_date);
      alter table rm_hub_transactions
        add column receipt_id uuid,
        add column claim_id uuid,
        add column time_of_purchase text;
    `,
);
