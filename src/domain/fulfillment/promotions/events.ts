import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

export const promotionStatus = z.enum(['enabled', 'paused', 'completed', 'disabled']);
export type PromotionStatus = z.infer<typeof promotionStatus>;
export const authenticationSystem = z.enum(['none', 'token', 'user_id']);
export const offer = z.object({ sku: z.string(), status: z.enum(['enabled', 'paused', 'disabled']) });
export type Offer = z.infer<typeof offer>;

/** What a program sets on a promotion; the budget in minor units of `currency`. */
export const promotionFields = z.object({
  name: z.string(),
  startDatetime: z.string(),
  endDatetime: z.string(),
  rewards: z.array(offer),
  authenticationSystems: z.array(authenticationSystem),
  redeemFrequency: z.enum(['single', 'multiple']),
  budget: z.number().int(),
  currency: z.string(),
  linkTtlDays: z.number().int(),
  redemptionUrlTemplate: z.string().nullable(),
});
export type PromotionFields = z.infer<typeof promotionFields>;

export const promotionEvents = {
  PromotionCreated: z.object({
    promotionId: z.string(),
    programId: z.string(),
    fields: promotionFields,
    status: promotionStatus,
    createdAt: z.string(),
  }),
  PromotionUpdated: z.object({
    promotionId: z.string(),
    changes: promotionFields.omit({ currency: true }).partial(),
    updatedAt: z.string(),
  }),
  PromotionStatusChanged: z.object({ promotionId: z.string(), status: promotionStatus, changedAt: z.string() }),
  /** Held for the order until it is spent (delivered) or released (canceled, expired, never written). */
  PromotionBudgetReserved: z.object({
    promotionId: z.string(),
    orderId: z.string(),
    amount: z.number().int(),
    /** The reward the order reserves a unit of, for the reconciler; absent from the first events. */
    sku: z.string().optional(),
  }),
  PromotionBudgetReleased: z.object({ promotionId: z.string(), orderId: z.string(), amount: z.number().int() }),
  /** Issued or imported tokens: their SHA-256 digests and last 4 characters, never the tokens. */
  PromotionTokensIssued: z.object({
    promotionId: z.string(),
    tokens: z.array(z.object({ digest: z.string(), hint: z.string() })),
    issuedAt: z.string(),
  }),
  PromotionUsersAllowed: z.object({ promotionId: z.string(), userIds: z.array(z.string()), allowedAt: z.string() }),
  PromotionUserDisallowed: z.object({ promotionId: z.string(), userId: z.string(), disallowedAt: z.string() }),
};
export type PromotionEvent = EventOf<typeof promotionEvents>;
