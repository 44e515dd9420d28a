import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';

export const orderStatus = z.enum(['pending', 'processing', 'delivered', 'failed', 'canceled', 'expired']);
export type OrderStatus = z.infer<typeof orderStatus>;
export const deliveryMethod = z.enum(['none', 'email', 'link']);
export type DeliveryMethod = z.infer<typeof deliveryMethod>;

/** An email as an order keeps it: sealed (AES-256-GCM), and compared by its digest. */
const sealedEmail = { emailDigest: z.string().nullable(), emailSealed: z.string().nullable() };

/** The end user, whose email the order keeps only sealed. */
export const orderUser = z.object({
  id: z.string().nullable(),
  ...sealedEmail,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
});
export type OrderUser = z.infer<typeof orderUser>;

const order = aggregateEvents('orderId', ['programId']);

export const orderPlaced = order.opening({
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
  OrderCodeIssued: order.event({ codesSealed: z.string(), issuedAt: z.string() }),
  OrderDelivered: order.event({ deliveredAt: z.string() }),
  OrderFailed: order.event({ reason: z.string(), failedAt: z.string() }),
  OrderFulfilmentRetried: order.event({ retriedAt: z.string() }),
  OrderCanceled: order.event({ canceledAt: z.string() }),
  /** The end user's claim (a redemption), with the proof it gave; a token by its digest and last 4 characters. */
  OrderRedeemed: order.event({
    redemptionId: z.string(),
    userId: z.string().nullable(),
    authenticationSystem: z.enum(['none', 'token', 'user_id']),
    tokenDigest: z.string().nullable(),
    tokenHint: z.string().nullable(),
    redeemedAt: z.string(),
  }),
  /** An email order's mail `send` (1: the first, then one per resend) failed at `attempt`; tried again at `retryAt`. */
  OrderMailAttemptFailed: order.event({
    send: z.number().int(),
    attempt: z.number().int(),
    reason: z.string(),
    failedAt: z.string(),
    retryAt: z.string().nullable(),
  }),
  /** An email order is mailed again, to a corrected address (sealed) when one is given. */
  OrderDeliveryResent: order.event({
    send: z.number().int(),
    ...sealedEmail,
    resentAt: z.string(),
  }),
  OrderExpired: order.event({ expiredAt: z.string() }),
};
export type OrderEvent = EventOf<typeof orderEvents>;
