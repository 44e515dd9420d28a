import { z } from 'zod';
import { isoDateTime } from '../../conventions/dates.js';
import { wrapped } from '../common.js';
import { orderShape } from '../orders/schemas.js';

const token = z.string().min(1).max(64);
/** Any text: an empty or malformed user id is the redemption's invalid_user, not a field error. */
const EXTERNAL = { description: "the program's own user id", 'x-external-id': true };
const userId = z.string().max(200).meta(EXTERNAL);
const user = z.strictObject({ id: userId });

/** (a) claim a pending link order. */
export const claimForm = wrapped(
  z.strictObject({ claim_code: z.string().min(1).max(64), token: token.optional(), user: user.optional() }),
);

/** (b) create and redeem, as Ifeelgoods' "Create and Redeem": an order (delivery none or email) and its proof. */
export const createAndRedeemForm = wrapped(
  z
    .strictObject({
      ...orderShape,
      user: z
        .strictObject({ ...orderShape.user.unwrap().shape, id: z.string().max(200).optional().meta(EXTERNAL) })
        .optional(),
      delivery: z.strictObject({ method: z.enum(['none', 'email']) }).default({ method: 'none' }),
      token: token.optional(),
    })
    .superRefine((order, issues) => {
      if (order.delivery.method === 'email' && !order.user?.email)
        issues.addIssue({ code: 'custom', path: ['user', 'email'], message: 'delivery by email needs user.email' });
    }),
);

export const redemptionListQuery = z.object({
  promotion_id: z.uuid().optional(),
  order_id: z.string().max(100).optional(),
  user_id: z.string().max(100).optional(),
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  page: z.unknown().optional(),
  per_page: z.unknown().optional(),
});
