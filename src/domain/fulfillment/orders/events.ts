import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

export const orderStatus = z.enum(['pending', 'processing', 'delivered', 'failed', 'canceled', 'expired']);
export type OrderStatus = z.infer<typeof orderStatus>;
export const deliveryMethod = z.enum(['none', 'email', 'link']);
export type DeliveryMethod = z.infer<typeof deliveryMethod>;

/** The end user; the email is sealed (AES-256-GCM) and compared by its digest. */
export const orderUser = z.object({
  id: z.string().nullable(),
  emailDigest: z.string().nullable(),
  emailSealed: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
});
export type OrderUser = z.infer<typeof orderUser>;

export const orderPlaced = z.object({
  orderId: z.string(),
  programId: z.string(),
  clientOrderId: z.string(),
  promotionId: z.string(),
  promotionName: z.string(),
  sku: z.string(),
  rewardName: z.string(),
  provider: z.object({ id: z.string(), name: z.string() }),
  /** Minor units of `currency`. */
  value: z.number().int(),
  currency: z.string(),
  user: orderUser.nullable(),
  deliveryMethod,
  testing: z.boolean(),
  placedAt: z.string(),
  /** link orders: when an unredeemed link expires. */
  expiresAt: z.string().nullable(),
  /** link orders: the claim code, found by its SHA-256 digest, shown sealed only in redemption_url. */
  claimCodeDigest: z.string().nullable().default(null),
  claimCodeSealed: z.string().nullable().default(null),
});
export type OrderPlacedData = z.infer<typeof orderPlaced>;

export const orderEvents = {
  OrderPlaced: orderPlaced,
  /** The provider's codes, sealed as one JSON text: never in clear in the log. */
  OrderCodeIssued: z.object({ orderId: z.string(), codesSealed: z.string(), issuedAt: z.string() }),
  OrderDelivered: z.object({ orderId: z.string(), deliveredAt: z.string() }),
  OrderFailed: z.object({ orderId: z.string(), reason: z.string(), failedAt: z.string() }),
  OrderFulfilmentRetried: z.object({ orderId: z.string(), retriedAt: z.string() }),
  OrderCanceled: z.object({ orderId: z.string(), canceledAt: z.string() }),
  /** The end user's claim (a redemption), with the proof it gave; a token by its digest and last 4 characters. */
  OrderRedeemed: z.object({
    orderId: z.string(),
    redemptionId: z.string(),
    userId: z.string().nullable(),
    authenticationSystem: z.enum(['none', 'token', 'user_id']),
    tokenDigest: z.string().nullable(),
    tokenHint: z.string().nullable(),
    redeemedAt: z.string(),
  }),
  /** An email order's mail `send` (1: the first, then one per resend) failed at `attempt`; tried again at `retryAt`. */
  OrderMailAttemptFailed: z.object({
    orderId: z.string(),
    send: z.number().int(),
    attempt: z.number().int(),
    reason: z.string(),
    failedAt: z.string(),
    retryAt: z.string().nullable(),
  }),
  /** An email order is mailed again, to a corrected address (sealed) when one is given. */
  OrderDeliveryResent: z.object({
    orderId: z.string(),
    send: z.number().int(),
    emailDigest: z.string().nullable(),
    emailSealed: z.string().nullable(),
    resentAt: z.string(),
  }),
  OrderExpired: z.object({ orderId: z.string(), expiredAt: z.string() }),
};
export type OrderEvent = EventOf<typeof orderEvents>;
