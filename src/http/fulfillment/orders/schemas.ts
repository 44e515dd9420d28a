import { z } from 'zod';
import { isoDateTime } from '../../conventions/dates.js';
import { wrapped } from '../common.js';
import { currency, email, positiveMoney, sku, text } from '../fields.js';

export const ORDER_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;
export const USER_ID_PATTERN = /^[A-Za-z0-9._:@+-]{1,100}$/;
const orderId = z.string().regex(ORDER_ID_PATTERN, '1–100 characters A-Z, a-z, 0-9, ".", "_", ":", "-"');
const deliveryMethod = z.enum(['none', 'email', 'link']);
const orderStatus = z.enum(['pending', 'processing', 'delivered', 'failed', 'canceled', 'expired']);

/** The fields of an order, before the rule that ties them (form (b) of a redemption reuses them). */
export const orderShape = {
  order_id: orderId,
  promotion_id: z.uuid(),
  reward: z.strictObject({
    sku,
    value: z.strictObject({ amount: positiveMoney, currency }).optional(),
  }),
  user: z
    .strictObject({
      id: z.string().regex(USER_ID_PATTERN, '1–100 characters A-Z, a-z, 0-9 or ._:@+-').optional(),
      email: email.optional(),
      first_name: text(100).optional(),
      last_name: text(100).optional(),
    })
    .optional(),
  delivery: z.strictObject({ method: deliveryMethod }),
};

export const orderFields = z.strictObject(orderShape).superRefine((order, issues) => {
  if (order.delivery.method === 'email' && !order.user?.email)
    issues.addIssue({ code: 'custom', path: ['user', 'email'], message: 'delivery by email needs user.email' });
});

export const createOrderBody = wrapped(orderFields);

/** `{"data": {"email"?}}`: mailed again, to the corrected address when one is given. */
export const resendOrderBody = wrapped(z.strictObject({ email: email.optional() }));

export const orderListQuery = z.object({
  promotion_id: z.uuid().optional(),
  sku: z.string().max(64).optional(),
  status: orderStatus.optional(),
  order_id: orderId.optional(),
  user_id: z.string().max(100).optional(),
  user_email: email.optional(),
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  page: z.unknown().optional(),
  per_page: z.unknown().optional(),
});
