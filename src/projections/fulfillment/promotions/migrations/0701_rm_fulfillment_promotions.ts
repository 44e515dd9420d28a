import { sqlMigration } from '../../../../platform/db.js';

export const fulfillmentPromotionsMigration = sqlMigration(
  '0701_rm_fulfillment_promotions',
  `
      create table rm_fulfillment_promotions (
        id uuid primary key,
        program_id uuid not null,
        name text not null,
        start_datetime timestamptz not null,
        end_datetime timestamptz not null,
        status text not null,
        rewards jsonb not null,
        authentication_systems jsonb not null,
        redeem_frequency text not null,
        budget bigint not null,
        currency text not null,
        link_ttl_days integer not null,
        redemption_url_template text,
        budget_reserved bigint not null default 0,
        budget_spent bigint not null default 0,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
      create index rm_fulfillment_promotions_program on rm_fulfillment_promotions (program_id, created_at desc, id);
    `,
);
