import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

/* A promotion token's own stream, created on its first use: appended with no_stream, so one redemption wins. */
export const tokenEvents = {
  PromotionTokenRedeemed: z.object({
    promotionId: z.string(),
    tokenDigest: z.string(),
    orderId: z.string(),
    redemptionId: z.string(),
    redeemedAt: z.string(),
  }),
  PromotionTokenRevoked: z.object({ promotionId: z.string(), tokenDigest: z.string(), revokedAt: z.string() }),
};
export type TokenEvent = EventOf<typeof tokenEvents>;
