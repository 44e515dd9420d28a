import { sqlMigration } from '../../../../platform/db.js';

/** Codes and the recipient's email are kept sealed (AES-256-GCM), opened only at the HTTP edge. */
export const fulfillmentOrdersMigration = sqlMigration(
  '0702_rm_fulfillment_orders',
  `
      create table rm_fulfillment_orders (
        id uuid primary key,
        program_id uuid not null,
        order_id text not null,
        promotion_id uuid not null,
        promotion_name text not null,
        sku text not null,
        reward_name text not null,
        provider jsonb not null,
        value bigint not null,
        currency text not null,
        user_id text,
        user_email_digest text,
        user_email_sealed text,
        user_first_name text,
        user_last_name text,
        delivery_method text not null,
        status text not null,
        codes_sealed text,
        failure_reason text,
        testing boolean not null,
        spent boolean not null default false,
        created_at timestamptz not null,
        delivered_at timestamptz,
        expires_at timestamptz,
        updated_at timestamptz not null,
        version bigint not null,
        unique (program_id, order_id)
      );
      create index rm_fulfillment_orders_program on rm_fulfillment_orders (program_id, created_at desc, id);
    `,
);
