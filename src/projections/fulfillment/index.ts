import type { ProjectionsModule } from '../index.js';
import { fulfillmentOrdersMigration } from './orders/migrations/0702_rm_fulfillment_orders.js';
import { fulfillmentOrderMailMigration } from './orders/migrations/0703_rm_fulfillment_order_mail.js';
import { fulfillmentOutboxMigration } from './orders/migrations/0704_fulfillment_outbox.js';
import { fulfillmentRedemptionsMigration } from './orders/migrations/0705_rm_fulfillment_redemptions.js';
import { fulfillmentProjection } from './projection.js';
import { fulfillmentPromotionsMigration } from './promotions/migrations/0701_rm_fulfillment_promotions.js';
import { fulfillmentReservationsMigration } from './promotions/migrations/0706_rm_fulfillment_reservations.js';
import { fulfillmentRewardsMigration } from './rewards/migrations/0700_rm_fulfillment_rewards.js';

/**
 * Fulfillment's read models: the catalogue, promotions with their budget figures, tokens and allow-lists, orders and
 * redemptions.
 */
export const fulfillmentProjections: ProjectionsModule = {
  projections: [fulfillmentProjection],
  migrations: [
    fulfillmentRewardsMigration,
    fulfillmentPromotionsMigration,
    fulfillmentOrdersMigration,
    fulfillmentOrderMailMigration,
    fulfillmentOutboxMigration,
    fulfillmentRedemptionsMigration,
    fulfillmentReservationsMigration,
  ],
};
