import { errorResponses, json, listJson, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { registerResource, orderSchema } from '../openapi-schemas.js';
import { pagingQuery } from '../paging.js';
import { createOrderBody, resendOrderBody } from './schemas.js';

const EXTERNAL = { description: "the client's own reference, not a goodstream id", 'x-external-id': true };

const ORDER_ID = '5c0e7a52-3f1b-5d2c-9a8e-1b2c3d4e5f60';
const orders = documentResource({ path: '/v1/orders', tags: ['Orders'], id: ORDER_ID });

export const orderExample = {
  id: ORDER_ID,
  order_id: 'ORD123-L987-0',
  testing: true,
  status: 'delivered',
  promotion: { id: '0b6f3c1e-2a4d-4e5f-9a7b-8c9d0e1f2a3b', name: 'Spring thank-you' },
  reward: { sku: 'SANDBOX-GIFT-10EUR', name: 'Sandbox gift card 10 EUR', provider: { id: 'sandbox', name: 'Sandbox' } },
  value: { amount: '10.00', currency: 'EUR' },
  user: { id: 'L987', email: 'camille@example.org', first_name: 'Camille', last_name: 'Durand' },
  delivery: { method: 'none', status: null, email: null, redemption_url: null },
  reward_codes: {
    codes: [{ name: 'code', value: 'SBX-1A2B-3C4D-5E6F-7A8B', format: 'string', usage: 'enter the code at checkout' }],
    expiration_datetime: null,
  },
  failure_reason: null,
  created_datetime: '2026-11-22T10:00:00.000Z',
  delivered_datetime: '2026-11-22T10:00:00.000Z',
  expiration_datetime: null,
  updated_datetime: '2026-11-22T10:00:00.000Z',
};

const emailOrderExample = {
  ...orderExample,
  delivery: { method: 'email', status: 'pending', email: 'camille.durand@example.org', redemption_url: null },
};

const replayed = {
  'Idempotent-Replayed': {
    description: 'true: the order_id named an order already placed with the same body',
    schema: { type: 'string' as const, enum: ['true'] },
  },
};

const ORDER_MEANING =
  'An order for one reward. id = uuid v5 of order_id in the namespace of the program id. reward_codes appear once issued (delivery none: in the answer).';

/** Documents the orders' paths in the registry. */
export function documentOrders(): void {
  const order = registerResource('Order', orderSchema, ORDER_MEANING, { data: orderExample, version: 2 });
  const { one, answer } = order;

  orders.list(
    "The program's orders, newest first",
    z.object({
      promotion_id: z.string().uuid().optional(),
      sku: z.string().max(64).optional(),
      status: z.enum(['pending', 'processing', 'delivered', 'failed', 'canceled', 'expired']).optional(),
      order_id: z.string().max(100).optional().meta(EXTERNAL),
      user_id: z.string().max(100).optional().meta(EXTERNAL),
      user_email: z.string().email().optional(),
      from: z.string().datetime().optional().openapi({ description: 'created at or after' }),
      to: z.string().datetime().optional().openapi({ description: 'created before' }),
      ...pagingQuery,
    }),
    listJson(order.schema, orderExample),
  );
  orders.create(
    'Place an order, idempotent by order_id: a new one 201; the same normalised body 200 with Idempotent-Replayed (a failed order is retried); another body 409 conflict_uniqueness with one detail per differing field and Location. Refusals (422 operation_refused: promotion_not_ready, reward_unavailable, out_of_stock, budget_exceeded) store nothing. Delivery email answers 201 processing, then a worker mails the codes (the e-card attached when the reward has pdf media), retried per MAIL_RETRY_SCHEDULE, then failed. Delivery link answers 201 pending with delivery.redemption_url and expiration_datetime; the codes are issued when the end user redeems (POST /v1/redemptions), and an unredeemed link expires after link_ttl_days, its budget and stock released.',
    json(createOrderBody, {
      data: {
        order_id: 'ORD123-L987-0',
        promotion_id: '0b6f3c1e-2a4d-4e5f-9a7b-8c9d0e1f2a3b',
        reward: { sku: 'SANDBOX-GIFT-10EUR' },
        user: { id: 'L987', email: 'camille@example.org' },
        delivery: { method: 'none' },
      },
    }),
    {
      201: answer('placed'),
      200: {
        ...json(
          resource(order.schema),
          { data: orderExample, version: 2 },
          'the order already placed with this order_id and the same body',
        ),
        headers: replayed,
      },
    },
  );
  // The PDF alternative's refusals (422) are not among the statuses a GET is given by default.
  orders.action(
    'get',
    '',
    'One order; an Accept ranking application/pdf above JSON gives its e-card (406 for a reward without pdf media, 422 operation_refused for an order without a code)',
    {},
    {
      200: {
        ...one,
        content: { ...one.content, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(422),
    },
  );
  orders.action(
    'post',
    '/cancel',
    'Cancel a pending or failed order: its budget and stock are released; any other status answers 422 operation_refused',
    {},
    {
      200: json(resource(order.schema), {
        data: { ...orderExample, status: 'canceled', reward_codes: null },
        version: 3,
      }),
    },
  );
  orders.action(
    'post',
    '/resend',
    'Mail an email order again, to a corrected address when data.email is given (a failed delivery is tried again); other methods, canceled or expired orders answer 422 operation_refused',
    { body: json(resendOrderBody, { data: { email: 'camille.durand@example.org' } }) },
    { 200: json(resource(order.schema), { data: { ...emailOrderExample, status: 'processing' }, version: 6 }) },
  );
}

/** Documents the e-card's path. */
export function documentCard(): void {
  orders.action(
    'get',
    '/card',
    'The e-card (PDF made with pdf-lib: program, reward, value, codes, expiry, terms, order_id), deterministic for an order version (dates fixed to delivered_datetime). Any Accept admitting PDF, no Accept and */* included; an Accept that excludes PDF, or a reward without pdf media, answers 406; an order without a code 422 operation_refused.',
    {},
    {
      200: {
        description: 'the e-card',
        headers: {
          ETag: { description: 'the order version', schema: { type: 'string' } },
          'Content-Disposition': {
            description: 'inline; filename="order-<order_id>.pdf"',
            schema: { type: 'string' },
          },
        },
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(422),
    },
  );
}
