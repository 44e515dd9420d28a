import { sqlMigration } from '../../../../platform/db.js';

export const fulfillmentRewardsMigration = sqlMigration(
  '0700_rm_fulfillment_rewards',
  `
      create table rm_fulfillment_rewards (
        sku text primary key,
        name text not null,
        provider jsonb not null,
        denomination_type text not null,
        face_value bigint,
        min_value bigint,
        max_value bigint,
        currency text not null,
        countries jsonb not null,
        categories jsonb not null,
        media jsonb not null,
        status text not null,
        stock_quantity bigint,
        description text not null,
        terms_and_conditions text not null,
        logo_url text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        version bigint not null
      );
    `,
);
