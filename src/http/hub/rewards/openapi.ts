import { json, listJson, taggedPaths, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { PAGE_PARAMS } from '../../openapi/wire.js';
import { CUSTOMER_ID, TRANSACTION_ID } from '../examples.js';
import { OFFER_ID, offerExample, offerSchema } from '../offers/openapi.js';

const register = taggedPaths(['Hub offers and rewards']);
const REWARD_ID = '163284cd-af07-43ed-9178-257a44ae2474';
const page = z.object(PAGE_PARAMS);
const measure = z.string().regex(/^\d+(\.\d{2})?$/);
const reward = z.object({
  id: z.uuid(),
  status: z.enum(['started', 'pending', 'completed', 'refunded']),
  offerId: z.uuid(),
  occurrence: z.number().int().min(1),
  progress: z.object({ value: measure, target: measure }),
  rewardValue: z
    .string()
    .regex(/^\d+\.\d{2}$/)
    .nullable(),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  offer: offerSchema.nullable(),
});
const rewardExample = {
  id: REWARD_ID,
  status: 'pending',
  offerId: OFFER_ID,
  occurrence: 1,
  progress: { value: '34.70', target: '80.00' },
  rewardValue: null,
  startedAt: '2026-12-04T09:00:00.000Z',
  updatedAt: '2026-12-05T09:00:00.000Z',
  offer: offerExample,
};
const entry = z.object({
  id: z.uuid(),
  value: z.number().int().min(1),
  operationType: z.enum(['earned', 'spent']),
  operationDate: z.string(),
  transactionId: z.uuid().nullable(),
  rewardId: z.uuid().nullable(),
});
const entryExample = {
  id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  value: 10,
  operationType: 'earned',
  operationDate: '2026-12-04',
  transactionId: TRANSACTION_ID,
  rewardId: null,
};

/** Documents the rewards and the points routes (flow 3.3–3.5). */
export function documentRewards(): void {
  register({
    method: 'get',
    path: '/v1/hub/customer/rewards',
    operationId: 'customer_api/getRewards',
    summary:
      "The customer's rewards, most recently started first, each with its progress (ours: the offer's measure, money or a count) and its offer",
    security: [{ customerBearer: [] }],
    request: { query: page },
    responses: { 200: listJson(reward, rewardExample) },
  });
  register({
    method: 'get',
    path: '/v1/hub/customers/{customerId}/rewards',
    operationId: 'backoffice/customer_support_api/getCustomerRewards',
    summary:
      "The back office's \"Rewards information\": a customer's rewards as the customer sees them; another hub's 404",
    security: PROGRAM_SECURITY,
    request: { params: z.object({ customerId: z.uuid().openapi({ example: CUSTOMER_ID }) }), query: page },
    responses: { 200: listJson(reward, rewardExample) },
  });
  register({
    method: 'get',
    path: '/v1/hub/customer/points',
    operationId: 'points_api/getPointsHistory',
    summary:
      "The customer's points: the balance (earned − spent) and the newest 500 entries of the history (decision 40)",
    security: [{ customerBearer: [] }],
    responses: {
      200: json(z.object({ data: z.object({ balance: z.number().int(), history: z.array(entry) }) }), {
        data: { balance: 10, history: [entryExample] },
      }),
    },
  });
  register({
    method: 'post',
    path: '/v1/hub/customers/{customerId}/points/spend',
    operationId: 'backoffice/v3/customer_api/spendPoints',
    summary:
      "Spend the customer's points (PointsSpent, decided against the ledger at its revision); more than the balance 422 operation_refused",
    security: PROGRAM_SECURITY,
    request: {
      params: z.object({ customerId: z.uuid().openapi({ example: CUSTOMER_ID }) }),
      body: json(z.object({ value: z.number().int().min(1), operationDate: z.string().optional() }), { value: 10 }),
    },
    responses: {
      201: json(
        z.object({ data: entry }),
        { data: { ...entryExample, operationType: 'spent', transactionId: null } },
        'spent',
      ),
    },
  });
}
