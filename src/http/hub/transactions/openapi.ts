import { errorResponses, json, listJson, taggedPaths, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { currency, PAGE_PARAMS } from '../../openapi/wire.js';
import { purchaseLocation, shoppingTransaction } from '../../webhooks/payloads/shopping-hub.js';
import { CUSTOMER } from '../customers/openapi-common.js';
import { CUSTOMER_ID, STORE_ID, TRANSACTION_ID } from '../examples.js';
import { documentJobs } from '../jobs/openapi.js';
import { storePlaceFields } from '../stores/openapi.js';
import { testTransactionsBody } from '../pushes/schemas.js';
import { associationBody, storeRecommendationsBody } from './schemas.js';

const tags = ['Hub transactions'];
const item = {
  id: TRANSACTION_ID,
  amount: -10.53,
  currency: 'EUR',
  purchaseDate: '2026-12-04',
  dateBankingStatement: '2026-12-05',
  customerId: CUSTOMER_ID,
  customerExternalId: 'cust-42',
  purchaseLocation: { id: STORE_ID, externalId: '18289514', type: 'store' },
  dataProviderType: 'bank',
  receiptId: null,
  timeOfPurchase: null,
};
/* The webhook's item, as precise as our answers are: they list matched transactions only, so every one has a store. */
const transaction = shoppingTransaction.extend({
  id: z.uuid(),
  currency,
  purchaseLocation: purchaseLocation.extend({ id: z.uuid() }),
});
const page = z.object(PAGE_PARAMS);
const dated = page.extend({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const store = z.object({
  id: z.uuid(),
  externalId: z.string(),
  name: z.string(),
  type: z.enum(['store', 'service']),
  ...storePlaceFields,
});
const unaffected = z.object({
  id: z.uuid(),
  label: z.string(),
  amount: z.string().meta({ description: 'two decimals, negative (a debit)' }),
  currency,
  purchaseDate: z.string(),
  customerId: z.uuid(),
});

const register = taggedPaths(tags);

function documentCustomerLists(): void {
  register({
    method: 'get',
    path: '/v1/hub/customer/stores',
    operationId: 'stores_api/getStores',
    summary:
      "The hub's active stores where the customer has (`transaction=true`, the default) or has not a matched transaction",
    security: CUSTOMER,
    request: { query: z.object({ transaction: z.enum(['true', 'false']).optional() }) },
    responses: { 200: json(z.object({ data: z.array(store) }), { data: [] }) },
  });
  const lists: [string, string, string, string | undefined][] = [
    ['/v1/hub/customer/stores/transactions', 'stores_api/getStoresTransactions', 'at stores', undefined],
    ['/v1/hub/customer/stores/{storeId}/transactions', 'stores_api/getStoreTransactions', 'at one store', 'storeId'],
    ['/v1/hub/customer/services/transactions', 'services_api/getServicesTransactions', 'at services', undefined],
    [
      '/v1/hub/customer/services/{serviceId}/transactions',
      'services_api/getServiceTransactions',
      'at one service',
      'serviceId',
    ],
  ];
  for (const [path, operationId, where, param] of lists)
    register({
      method: 'get',
      path,
      operationId,
      summary: `The customer's matched transactions ${where}, newest purchase first, each the customer_transactions item; \`to\` without \`from\` 422${param ? `; \`${param}\` is our id or the externalId (unknown 404)` : ''}`,
      security: CUSTOMER,
      request: {
        query: dated,
        ...(param ? { params: z.object({ [param]: z.string().openapi({ example: '18289514' }) }) } : {}),
      },
      responses: { 200: listJson(transaction, item), ...errorResponses(404) },
    });
}

function documentProgramRoutes(): void {
  register({
    method: 'get',
    path: '/v1/hub/transactions/pushed',
    operationId: 'transactions_api/getPushedTransactions',
    summary:
      'The transactions sent in customer_transactions between startDate and endDate (push time, at most 30 days), each exactly as sent (decision 47)',
    security: PROGRAM_SECURITY,
    request: { query: page.extend({ startDate: z.string(), endDate: z.string() }) },
    responses: { 200: listJson(transaction, item), ...errorResponses(404) },
  });
  register({
    method: 'get',
    path: '/v1/hub/transactions/unaffected',
    operationId: 'backoffice/transactions_api/getUnaffectedTransactions',
    summary: 'Unmatched debits of the last 90 days, newest purchase first',
    security: PROGRAM_SECURITY,
    request: { query: page },
    responses: {
      200: listJson(unaffected, { ...item, label: 'CB UNKNOWN SHOP', amount: '-5.00' }),
      ...errorResponses(404),
    },
  });
  const transactionParam = z.object({ transactionId: z.uuid().openapi({ example: TRANSACTION_ID }) });
  register({
    method: 'put',
    path: '/v1/hub/transactions/{transactionId}/association',
    operationId: 'backoffice/transactions_api/postTransactionAssociation',
    summary:
      'Put an unmatched debit at a store of the hub (`storeId`: our id or the externalId): matched, pushed in the next batch; matched elsewhere or a credit 422 operation_refused',
    security: PROGRAM_SECURITY,
    request: { params: transactionParam, body: json(associationBody, { storeId: '18289514' }) },
    responses: { 200: json(z.object({ data: transaction }), { data: item }) },
  });
  register({
    method: 'delete',
    path: '/v1/hub/transactions/{transactionId}/association',
    operationId: 'backoffice/transactions_api/postTransactionDissociation',
    summary: 'Take a matched transaction off its store (unmatched); a pushed one 422 operation_refused',
    security: PROGRAM_SECURITY,
    request: { params: transactionParam },
    responses: { 204: { description: 'dissociated' } },
  });
  register({
    method: 'post',
    path: '/v1/hub/recommendations/stores',
    operationId: 'admin_api/storesRecommendation',
    summary:
      "For each customer, up to 3 active stores of the hub they have no matched transaction at, by the hub's matched count, then externalId",
    security: PROGRAM_SECURITY,
    request: { body: json(storeRecommendationsBody, { customerList: [CUSTOMER_ID] }) },
    responses: {
      200: json(
        z.object({
          data: z.array(
            z.object({
              customerId: z.uuid(),
              stores: z.array(z.object({ id: z.uuid(), externalId: z.string(), name: z.string() })),
            }),
          ),
        }),
        {
          data: [
            { customerId: CUSTOMER_ID, stores: [{ id: STORE_ID, externalId: '18289514', name: 'Sandbox Store A' }] },
          ],
        },
      ),
    },
  });
  register({
    method: 'post',
    path: '/v1/hub/providers/{providerType}/{providerShortcut}/{event}',
    operationId: 'provider/generic_callback_api/manageGenericCallback',
    summary:
      "A real provider adapter's callback (also provider/budget_insight_callback_api/saveConnection, deleteConnection, provider/checkout_callback_api/handleEvent, provider/mangopay_callback_api/walletReport, eventCallback, provider/isahit_callback_api/eventCallback): no such adapter runs here, so 404; the sandbox adapters never call back",
    security: [{}],
    request: {
      params: z.object({
        providerType: z.string(),
        providerShortcut: z.string(),
        event: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
      }),
    },
    responses: {},
  });
}

function documentTestFire(): void {
  register({
    method: 'post',
    path: '/v1/hub/test/customer-transactions',
    operationId: 'admin_api/sendCustomerTransactionsWebhook',
    summary:
      'A generated customer_transactions (PRNG seeded by X-Request-Id) sent once to each active subscription, answered once those first tries are done; appends no event',
    security: PROGRAM_SECURITY,
    request: {
      headers: z.object({ 'X-Request-Id': z.string().optional() }),
      body: json(testTransactionsBody, {
        customersExternalIds: ['cust-42'],
        purchaseLocationsExternalIds: ['18289514'],
      }),
    },
    responses: {
      200: json(
        z.object({
          data: z.object({
            configuredEndpoints: z.number().int(),
            successCalls: z.number().int(),
            failedCalls: z.number().int(),
          }),
        }),
        { data: { configuredEndpoints: 1, successCalls: 1, failedCalls: 0 } },
      ),
    },
  });
}

/** Documents the transaction side of the hub (flow 2): jobs, injection, transactions and their push. */
export function documentTransactions(): void {
  documentJobs();
  documentCustomerLists();
  documentProgramRoutes();
  documentTestFire();
}
