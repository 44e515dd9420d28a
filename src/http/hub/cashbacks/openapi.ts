import { json, taggedPaths, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { currency, PAGE_PARAMS } from '../../openapi/wire.js';
import { CUSTOMER } from '../customers/openapi-common.js';
import { CUSTOMER_ID } from '../examples.js';

const tags = ['Hub cashbacks'];
const CASHBACK_ID = '3c4d5e6f-7a8b-5c9d-8e0f-1a2b3c4d5e6f';
const STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'RECEIVED', 'REJECTED'] as const;

const money = z
  .union([z.string(), z.number()])
  .meta({ description: 'positive, at most two decimals: "12.50" or 12.5' });
const ownerInfo = z.object({ firstName: z.string(), lastName: z.string(), address: z.string() });
const transferInfo = z.object({
  amount: money,
  currency,
  label: z.string().max(140),
  iban: z.string().optional().meta({
    description: 'checked with ibantools (422 invalidIban); without it, the favorite account pays (ambiguity 12)',
  }),
});
const cashbackRequest = z.object({
  customerId: z.uuid().optional(),
  customerExternalId: z.string().optional().meta({ description: 'used when customerId is absent (decision 45)' }),
  externalId: z
    .string()
    .max(100)
    .meta({ description: 'unique in the hub: a repeat with the same body answers as the first did' }),
  ownerInfo,
  transferInfo,
});
const requestExample = {
  customerId: CUSTOMER_ID,
  externalId: 'AEF874113C',
  ownerInfo: { firstName: 'Ada', lastName: 'Lovelace', address: '12 rue de la Paix, 75002 Paris' },
  transferInfo: { amount: '12.50', currency: 'EUR', label: 'Refund of order 42', iban: 'FR1420041010050500013M02606' },
};
const created = z.object({ id: z.uuid(), externalId: z.string(), status: z.enum(STATUSES) });
const createdExample = { id: CASHBACK_ID, externalId: 'AEF874113C', status: 'PENDING' };

const item = z.object({
  id: z.uuid(),
  transferId: z.string().nullable(),
  externalId: z.string().nullable(),
  status: z.enum(STATUSES).meta({ description: 'PENDING until the provider answers (ambiguity 11)' }),
  customerId: z.uuid(),
  customerExternalId: z.string().nullable(),
  amount: z.string().meta({ description: 'two decimals' }),
  currency,
  label: z.string(),
  origin: z.enum(['program', 'reward']),
  rewardId: z.uuid().nullable(),
  updatedAt: z.string(),
});
const itemExample = {
  id: CASHBACK_ID,
  transferId: 'sbx_0d1c2b3a-4f5e-5a6b-8c7d-9e0f1a2b3c4d',
  externalId: 'AEF874113C',
  status: 'RECEIVED',
  customerId: CUSTOMER_ID,
  customerExternalId: 'cust-42',
  amount: '12.50',
  currency: 'EUR',
  label: 'Refund of order 42',
  origin: 'program',
  rewardId: null,
  updatedAt: '2026-12-05T10:00:00.000Z',
};
const paging = z.object({ page: z.number().int(), per_page: z.number().int(), total: z.number().int() });
const list = json(z.object({ data: z.array(item), paging }), {
  data: [itemExample],
  paging: { page: 1, per_page: 20, total: 1 },
});

const account = z.object({
  IBAN: z
    .object({ iban: z.string().nullable(), sortCode: z.string().nullable(), accountNumber: z.string().nullable() })
    .nullable()
    .meta({ description: 'the IBAN, or the UK account number, masked but the last 4' }),
  creditCard: z.object({ last4: z.string() }).nullable(),
  cashbackFallbackNeeded: z.boolean().meta({ description: 'true while a cashback waits for an account' }),
});
const accountExample = {
  data: {
    IBAN: { iban: '***********************2606', sortCode: null, accountNumber: null },
    creditCard: null,
    cashbackFallbackNeeded: false,
  },
  version: 4,
};

const register = taggedPaths(tags);

/** Documents postCashback, postCashbackList, getPushedCashbacks, the customer's cashbacks and the favorite account. */
export function documentCashbacks(): void {
  register({
    method: 'post',
    path: '/v1/hub/cashbacks',
    operationId: 'cashback/cashback_api/postCashback',
    summary:
      'Ask for a cashback to a customer of the hub (flow 3.7): paid by cashbackSubmit to `transferInfo.iban`, else the favorite account, else held until the customer sets one',
    security: PROGRAM_SECURITY,
    request: { body: json(cashbackRequest, requestExample) },
    responses: {
      201: json(z.object({ data: created }), { data: createdExample }, 'stored (or the same request again)'),
    },
  });
  register({
    method: 'post',
    path: '/v1/hub/cashbacks/list',
    operationId: 'cashback/cashback_api/postCashbackList',
    summary:
      '1..200 cashbacks, all validated (422 names the index: `cashbacks.3.transferInfo.amount`) before any is stored',
    security: PROGRAM_SECURITY,
    request: {
      body: json(z.object({ cashbacks: z.array(cashbackRequest).min(1).max(200) }), { cashbacks: [requestExample] }),
    },
    responses: { 201: json(z.object({ data: z.array(created) }), { data: [createdExample] }) },
  });
  register({
    method: 'get',
    path: '/v1/hub/cashbacks/pushed',
    operationId: 'cashback/cashback_api/getPushedCashbacks',
    summary: 'Each cashbacks_updated sent in [startDate, endDate) (at most 30 days), with the status it sent',
    security: PROGRAM_SECURITY,
    request: { query: z.object({ startDate: z.string(), endDate: z.string(), ...PAGE_PARAMS }) },
    responses: { 200: list },
  });
  register({
    method: 'get',
    path: '/v1/hub/customer/cashbacks',
    operationId: 'hub/customer/getCustomerCashbacks',
    summary: "(ours) The customer's cashbacks, newest first",
    security: CUSTOMER,
    request: { query: z.object(PAGE_PARAMS) },
    responses: { 200: list },
  });
  register({
    method: 'put',
    path: '/v1/hub/customer/favorite-account',
    operationId: 'customer_api/postFavoriteAccount',
    summary:
      'Set the account cashbacks are paid to: `iban` (ibantools: country, length, checksum), or a UK `sortCode` (6 digits) and `accountNumber` (8); a bad one 422 with `invalidIban`. Sealed at rest; held cashbacks go on (cashback_method_updated `retrieved`)',
    security: CUSTOMER,
    request: {
      headers: z.object({ 'If-Match': z.string().optional() }),
      body: json(
        z.object({
          iban: z.string().optional(),
          sortCode: z.string().optional(),
          accountNumber: z.string().optional(),
        }),
        { iban: 'FR14 2004 1010 0505 0001 3M02 606' },
      ),
    },
    responses: { 200: json(z.object({ data: account, version: z.number().int() }), accountExample) },
  });
  register({
    method: 'get',
    path: '/v1/hub/customer/favorite-account',
    operationId: 'customer_api/getCustomerFavoriteAccount',
    summary: 'The favorite account, masked but the last 4, and whether a cashback waits for one',
    security: CUSTOMER,
    responses: { 200: json(z.object({ data: account, version: z.number().int() }), accountExample) },
  });
}
