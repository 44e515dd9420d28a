import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

export const rewardMedia = z.enum(['code', 'url', 'barcode', 'pdf']);
export const rewardStatus = z.enum(['enabled', 'paused', 'disabled']);
export type RewardStatus = z.infer<typeof rewardStatus>;

/** What an operator lists and may change; money in minor units. */
export const rewardFields = z.object({
  name: z.string(),
  provider: z.object({ id: z.string(), name: z.string() }),
  denominationType: z.enum(['fixed', 'variable']),
  faceValue: z.number().int().nullable(),
  minValue: z.number().int().nullable(),
  maxValue: z.number().int().nullable(),
  currency: z.string(),
  countries: z.array(z.string()),
  categories: z.array(z.string()),
  media: z.array(rewardMedia),
  description: z.string(),
  termsAndConditions: z.string(),
  logoUrl: z.string().nullable(),
});
export type RewardFields = z.infer<typeof rewardFields>;

/** The platform's catalogue, one stream per reward (`catalogreward-<sku>`): no program owns a reward. */
const catalogReward = aggregateEvents('sku', []);

export const rewardEvents = {
  CatalogRewardListed: catalogReward.opening({
    fields: rewardFields,
    status: rewardStatus,
    /** null: not stock-managed. */
    stockQuantity: z.number().int().nullable(),
    listedAt: z.string(),
  }),
  CatalogRewardUpdated: catalogReward.event({ changes: rewardFields.partial(), updatedAt: z.string() }),
  CatalogRewardStatusChanged: catalogReward.event({ status: rewardStatus, changedAt: z.string() }),
  /** `quantity` may be negative (units removed); a reward that was not stock-managed starts counting at it. */
  CatalogRewardRestocked: catalogReward.event({ quantity: z.number().int(), restockedAt: z.string() }),
  /** One unit held for the order; `counted` when the reward was stock-managed then. */
  CatalogRewardStockReserved: catalogReward.event({ orderId: z.string(), counted: z.boolean() }),
  CatalogRewardStockReleased: catalogReward.event({ orderId: z.string(), counted: z.boolean() }),
};
export type RewardEvent = EventOf<typeof rewardEvents>;
