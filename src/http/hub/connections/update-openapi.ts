import { json, registry, z } from '../../openapi/registry.js';
import { API_KEY_SECURITY, PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { CUSTOMER } from '../customers/openapi-common.js';
import { CUSTOMER_ID } from '../examples.js';
import { connection, connectionExample, connectionIdParam, consentStart } from './openapi.js';
import {
  creditCardBody,
  patchBankConnectionBody,
  reauthorisationCallbackBody,
  updateConnectionBody,
  verifyDecoupledBody,
} from './schemas.js';

const tags = ['Hub connections'];

/** Documents re-authorisation, decoupled verification, the program's signed simulation and card linking. */
export function documentConnectionUpdates(): void {
  // Inside the function: this module and openapi.js import each other.
  const answer = json(z.object({ data: connection }), { data: connectionExample });
  registry.registerPath({
    method: 'patch',
    path: '/v1/hub/customer/bank-connections/{connectionId}',
    operationId: 'customer_connection_api/updateBankConnection',
    tags,
    summary:
      "Re-authorise a connection: `credentials` at once (resynchronised, bank_connections_update and v2 `update`; refused 422 with the provider's code), or a `redirectUri` for a new consent → the connection with `connectUrl` and a `state` bound to it (`chosenAuthModel: decoupled` with `psuId`: `decoupledDetails` instead); unknown 404 (invalidConnectionId)",
    security: CUSTOMER,
    request: {
      params: connectionIdParam,
      body: json(updateConnectionBody, { credentials: { login: 'sandbox-desync', password: 'sandbox-desync' } }),
    },
    responses: {
      200: json(
        z.object({
          data: connection.extend(consentStart),
        }),
        { data: connectionExample },
      ),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hub/customer/bank-connections/{connectionId}/callback',
    operationId: 'customer_connection_api/updateBankConnectionCallback',
    tags,
    summary:
      "The re-authorisation's consent comes back: its state (bound to this connection) is spent, the provider exchanges the code, the connection is resynchronised; refusals as at the first callback",
    security: CUSTOMER,
    request: {
      params: connectionIdParam,
      body: json(reauthorisationCallbackBody, {
        queryString: 'code=eyJsb2dpbiI.c2lnbmF0dXJl&state=q3VzdG9tZXItc3RhdGU',
      }),
    },
    responses: { 200: answer },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hub/auth/decoupled-connection/verify',
    operationId: 'auth_api/verifyDecoupledConnection',
    tags,
    summary:
      "Poll a decoupled consent: pending until the customer approves in the bank's app (sandbox-decoupled: the first poll), then succeeded with `callbackUri`, whose query string goes to a callback route; failed for a refused login or after 10 min; details no provider issued 422 (invalidDecoupledDetails)",
    security: API_KEY_SECURITY,
    request: {
      body: json(verifyDecoupledBody, {
        decoupledDetails: 'WyJzYW5kYm94LWRlY291cGxlZCIsInEzVnpkRzl0WlhJdGMzUmhkR1UiLG51bGwsMV0.c2lnbmF0dXJl',
      }),
    },
    responses: {
      200: json(
        z.object({
          data: z.object({ status: z.enum(['pending', 'succeeded', 'failed']), callbackUri: z.string().nullable() }),
        }),
        {
          data: {
            status: 'succeeded',
            callbackUri: 'https://club.example/bank?code=eyJsb2dpbiI.c2lnbmF0dXJl&state=q3VzdG9tZXItc3RhdGU',
          },
        },
      ),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/hub/bank-connections/{connectionId}',
    operationId: 'admin_api/patchBankConnection',
    tags,
    summary:
      '`simulateInvalidCredentials: true` desynchronises the connection with invalidCredentials until the customer re-authorises (false: nothing, ambiguity 23); sandbox provider only, else 422 operation_refused; another hub’s or unknown 404 (invalidConnectionId)',
    security: [SECURITY.signed, ...PROGRAM_SECURITY],
    request: { params: connectionIdParam, body: json(patchBankConnectionBody, { simulateInvalidCredentials: true }) },
    responses: { 200: answer },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/hub/customer/credit-cards',
    operationId: 'customer_connection_api/addCreditCardConnection',
    tags,
    summary:
      "Link a tokenised card through the card-linking port (sandbox: any token but tok_fail; last4 the token's last four digits, else 4242) → 201 a `card` connection and customer_subscription `creation` or `update`; refused 422 operation_refused (cardRefused); a required CLO optin not accepted 422 (requiredOptin)",
    security: CUSTOMER,
    request: { body: json(creditCardBody, { creditCardToken: 'tok_visa_4242' }) },
    responses: {
      201: json(
        z.object({ data: connection }),
        { data: { ...connectionExample, type: 'card', bank: null, last4: '4242', consentExpiresAt: null } },
        'created',
      ),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/customer/clo-connections',
    operationId: 'customer_connection_api/getCloConnections',
    tags,
    summary: "The customer's linked cards, oldest first",
    security: CUSTOMER,
    responses: {
      200: json(z.object({ data: z.object({ customerId: z.uuid(), connections: z.array(connection) }) }), {
        data: { customerId: CUSTOMER_ID, connections: [] },
      }),
    },
  });
}
