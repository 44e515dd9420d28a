import { sqlMigration } from '../../../../platform/db.js';

/** A hub's offers (the seed's challenges): the settings as the events give them, whether active, whether capped. */
export const offersMigration = sqlMigration(
  '0550_rm_hub_offers',
  `
    create table rm_hub_offers (
      id uuid primary key,
      hub_id uuid not null,
      program_id uuid not null,
      -- The domain's settings (money in minor units), as OfferCreated and OfferUpdated give them.
      settings jsonb not null,
      active boolean not null,
      capped boolean not null default false,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version bigint not null
    );
    create index rm_hub_offers_hub on rm_hub_offers (hub_id, created_at desc, id);
  `,
);
