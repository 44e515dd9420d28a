import { CARD_TYPES } from '../../../domain/hub/banks/events.js';
import { CONNECTION_ERROR_CODES } from '../../../domain/hub/connections/events.js';
import { json, registry, z } from '../../openapi/registry.js';
import { CUSTOMER } from '../customers/openapi-common.js';
import { CUSTOMER_ID } from '../examples.js';
import { callbackBody, registrationCallbackBody } from './schemas.js';
import { documentConnectionUpdates } from './update-openapi.js';

const tags = ['Hub connections'];
const CONNECTION_ID = '2c4e6a8b-0d1f-8a3b-9c5d-7e9f1a3b5c7d';

export const connection = z
  .object({
    id: z.uuid(),
    type: z.enum(['bank', 'card']),
    /** null for a linked card. */
    bank: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    dataProviderType: z.enum(CARD_TYPES),
    status: z.enum(['synchronized', 'desynchronized']),
    errorCode: z.enum(CONNECTION_ERROR_CODES).nullable(),
    errorMessage: z.string().nullable(),
    transactionsEligibleFromDate: z.iso.datetime(),
    consentExpiresAt: z.iso.datetime().nullable(),
    last4: z
      .string()
      .regex(/^\d{4}$/)
      .nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('HubConnection');
/** What starting a consent answers beside the bank or the connection: where to send the customer, or what to poll. */
export const consentStart = {
  connectUrl: z.url().optional(),
  decoupledDetails: z.string().optional(),
  state: z.string().optional(),
};
export const connectionExample = {
  id: CONNECTION_ID,
  type: 'bank',
  bank: { id: '7a0e3c55-1b2d-8f4e-a6c1-2d3e4f5a6b7c', name: 'Sandbox Bank' },
  dataProviderType: 'bank',
  status: 'synchronized',
  errorCode: null,
  errorMessage: null,
  transactionsEligibleFromDate: '2026-12-01T09:00:00.000Z',
  consentExpiresAt: '2027-06-03T09:00:00.000Z',
  last4: null,
  createdAt: '2026-12-05T09:00:00.000Z',
};
const BANK_ID = '7a0e3c55-1b2d-8f4e-a6c1-2d3e4f5a6b7c';
const QUERY_STRING = 'code=eyJsb2dpbiI.c2lnbmF0dXJl&state=q3VzdG9tZXItc3RhdGU';
const REFUSALS =
  "a forged, reused, expired or another customer's state, or a code the provider refuses: 422 operation_refused with the code in details[0].code (invalidState, stateAlreadyUsed, stateExpired, invalidCode, codeExpired, invalidCredentials); a required optin of the method's type not accepted: 422 (requiredOptin)";
const list = json(z.object({ data: z.array(connection) }), { data: [connectionExample] });
export const connectionIdParam = z.object({ connectionId: z.uuid().openapi({ example: CONNECTION_ID }) });

/** Documents the consent page, the callback and a customer's connections. */
export function documentConnections(): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/sandbox/bank/authorize',
    operationId: 'hub/sandbox/bankAuthorize',
    tags,
    summary:
      "The sandbox bank's consent page: without `login` a form; with it a 302 to `redirect_uri?code=…&state=…` (or `?error=invalidCredentials&state=…`)",
    security: [{}],
    request: {
      query: z.object({
        state: z.string().min(1).max(200),
        redirect_uri: z.url().max(2000),
        login: z.string().max(200).optional(),
        password: z.string().max(200).optional(),
      }),
    },
    responses: {
      200: {
        description: 'the consent form',
        content: { 'text/html': { schema: z.string(), example: '<!doctype html><form method="get">…</form>' } },
      },
      302: { description: 'back to redirect_uri', headers: z.object({ Location: z.url() }) },
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hub/customer/bank-connections/callback',
    operationId: 'customer_connection_api/addBankConnectionCallback',
    tags,
    summary: `A later method (flow 1.7): the state (single-use, this customer's) is spent, the provider exchanges the code, the connection is created and customer_subscription \`update\` sent (\`creation\` if it is the first). ${REFUSALS}`,
    security: CUSTOMER,
    request: { body: json(callbackBody, { bankId: BANK_ID, queryString: QUERY_STRING }) },
    responses: { 201: json(z.object({ data: connection }), { data: connectionExample }, 'created') },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hub/auth/bank-connection-callback',
    operationId: 'auth_api/postBankConnectionCallback',
    tags,
    summary: `Registration by bank (flow 1.3): with the registration token (or a customer token) of the body's customerId (another: 403), the connection is created and the subscription completed as \`bank\` or \`restaurant\` (customer_subscription \`creation\`). ${REFUSALS}`,
    security: [{ customerBearer: [] }],
    request: {
      body: json(registrationCallbackBody, { customerId: CUSTOMER_ID, bankId: BANK_ID, queryString: QUERY_STRING }),
    },
    responses: {
      201: json(
        z.object({ data: z.object({ customerId: z.uuid(), connection }) }),
        { data: { customerId: CUSTOMER_ID, connection: connectionExample } },
        'created',
      ),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/customer/connections',
    operationId: 'customer_connection_api/getAllCustomerConnections',
    tags,
    summary: "The customer's live connections, oldest first",
    security: CUSTOMER,
    responses: { 200: list },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/customer/bank-connections',
    operationId: 'customer_connection_api/getBankConnections',
    tags,
    summary: "The customer's live bank connections, oldest first",
    security: CUSTOMER,
    responses: { 200: list },
  });
  for (const [path, operationId] of [
    ['/v1/hub/customer/bank-connections/{connectionId}', 'customer_connection_api/deleteBankConnection'],
    ['/v1/hub/customer/connections/{connectionId}', 'customer_connection_api/deleteConnection'],
  ] as const)
    registry.registerPath({
      method: 'delete',
      path,
      operationId,
      tags,
      summary:
        "Delete a connection; the customer's last one 422 operation_refused (lastConnection); unknown 404 (invalidConnectionId)",
      security: CUSTOMER,
      request: { params: connectionIdParam },
      responses: { 204: { description: 'deleted' } },
    });
  documentConnectionUpdates();
}
