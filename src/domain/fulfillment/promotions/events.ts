import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

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

const promotion = aggregateEvents('promotionId', ['programId']);

export const promotionEvents = {
  PromotionCreated: promotion.opening({
    fields: promotionFields,
    status: promotionStatus,
    createdAt: z.string(),
  }),
  PromotionUpdated: promotion.event({
    changes: promotionFields.omit({ currency: true }).partial(),
    updatedAt: z.string(),
  }),
  PromotionStatusChanged: promotion.event({ status: promotionStatus, changedAt: z.string() }),
  /** Held for the order until it is spent (delivered) or released (canceled, expired, never written). */
  PromotionBudgetReserved: promotion.event({
    orderId: z.string(),
    amount: z.number().int(),
    /** The reward the order reserves a unit of, for the reconciler; absent from the first events. */
    sku: z.string().optional(),
  }),
  PromotionBudgetReleased: promotion.event({ orderId: z.string(), amount: z.number().int() }),
  /** Issued or imported tokens: their SHA-256 digests and last 4 characters, never the tokens. */
  PromotionTokensIssued: promotion.event({
    tokens: z.array(z.object({ digest: z.string(), hint: z.string() })),
    issuedAt: z.string(),
  }),
  PromotionUsersAllowed: promotion.event({ userIds: z.array(z.string()), allowedAt: z.string() }),
  PromotionUserDisallowed: promotion.event({ userId: z.string(), disallowedAt: z.string() }),
};
export type PromotionEvent = EventOf<typeof promotionEvents>;
