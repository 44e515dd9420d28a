import { sqlMigration } from '../../../../platform/db.js';

/**
 * Links, tokens, allow-lists and redemptions: a link order's claim code (digest to find it, sealed to show it) and its
 * promotion's URL template; each promotion's tokens by digest with their last 4 characters and status; its allow-list;
 * and the redemptions, one per redeemed order.
 */
export const fulfillmentRedemptionsMigration = sqlMigration(
  '0705_rm_fulfillment_redemptions',
  `
      alter table rm_fulfillment_orders
        add column claim_code_digest text,
        add column claim_code_sealed text,
        add column redemption_url_template text;
      create unique index rm_fulfillment_orders_claim on rm_fulfillment_orders (claim_code_digest)
        where claim_code_digest is not null;
      create index rm_fulfillment_orders_link_due on rm_fulfillment_orders (expires_at) where status = 'pending';
      create table rm_fulfillment_tokens (
        promotion_id uuid not null,
        digest text not null,
        hint text not null,
        status text not null,
        created_at timestamptz not null,
        primary key (promotion_id, digest)
      );
      create table rm_fulfillment_promotion_users (
        promotion_id uuid not null,
        user_id text not null,
        created_at timestamptz not null,
        primary key (promotion_id, user_id)
      );
      create table rm_fulfillment_redemptions (
        id uuid primary key,
        program_id uuid not null,
        order_uuid uuid not null unique,
        promotion_id uuid not null,
        user_id text,
        authentication_system text not null,
        token_hint text,
        redeemed_at timestamptz not null
      );
      create index rm_fulfillment_redemptions_program on rm_fulfillment_redemptions (program_id, redeemed_at desc, id);
      create index rm_fulfillment_redemptions_user on rm_fulfillment_redemptions (promotion_id, user_id);
    `,
);
