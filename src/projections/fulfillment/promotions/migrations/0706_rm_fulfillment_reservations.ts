import { sqlMigration } from '../../../../platform/db.js';

/** Budget reservations by order, with when they were made: the reconciler finds those whose order never got written. */
export const fulfillmentReservationsMigration = sqlMigration(
  '0706_rm_fulfillment_reservations',
  `
      create table rm_fulfillment_reservations (
        order_id text primary key,
        promotion_id uuid not null,
        program_id uuid,
        sku text,
        reserved_at timestamptz not null
      );
      create index rm_fulfillment_reservations_at on rm_fulfillment_reservations (reserved_at);
    `,
);
