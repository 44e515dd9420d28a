import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

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

export const rewardEvents = {
  CatalogRewardListed: z.object({
    sku: z.string(),
    fields: rewardFields,
    status: rewardStatus,
    /** null: not stock-managed. */
    stockQuantity: z.number().int().nullable(),
    listedAt: z.string(),
  }),
  CatalogRewardUpdated: z.object({ sku: z.string(), changes: rewardFields.partial(), updatedAt: z.string() }),
  CatalogRewardStatusChanged: z.object({ sku: z.string(), status: rewardStatus, changedAt: z.string() }),
  /** `quantity` may be negative (units removed); a reward that was not stock-managed starts counting at it. */
  CatalogRewardRestocked: z.object({ sku: z.string(), quantity: z.number().int(), restockedAt: z.string() }),
  /** One unit held for the order; `counted` when the reward was stock-managed then. */
  CatalogRewardStockReserved: z.object({ sku: z.string(), orderId: z.string(), counted: z.boolean() }),
  CatalogRewardStockReleased: z.object({ sku: z.string(), orderId: z.string(), counted: z.boolean() }),
};
export type RewardEvent = EventOf<typeof rewardEvents>;
