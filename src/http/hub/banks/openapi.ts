import { AUTH_MODELS, CARD_TYPES } from '../../../domain/hub/banks/events.js';
import { errorResponses, IDEMPOTENCY_KEY, json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { API_KEY_SECURITY, PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { PAGE_PARAMS } from '../../openapi/wire.js';
import { consentStart, documentConnections } from '../connections/openapi.js';
import { addBankBody, patchBankBody } from './schemas.js';

const tags = ['Hub banks'];
const BANK_ID = '7a0e3c55-1b2d-8f4e-a6c1-2d3e4f5a6b7c';

const bank = z
  .object({
    id: z.uuid(),
    name: z.string(),
    active: z.boolean(),
    cardType: z.enum(CARD_TYPES),
    providerCode: z.string(),
    authModels: z.array(z.enum(AUTH_MODELS)),
    country: z.string().regex(/^[A-Z]{2}$/),
  })
  .openapi('HubBank');
const bankExample = {
  id: BANK_ID,
  name: 'Sandbox Bank',
  active: true,
  cardType: 'bank',
  providerCode: 'sandbox',
  authModels: ['redirect', 'decoupled'],
  country: 'FR',
};
const bankResource = json(resource(bank), { data: bankExample, version: 0 });
const bankIdParam = z.object({ bankId: z.uuid().openapi({ example: BANK_ID }) });

/** Documents the bank catalogue, a hub's banks, the sandbox test accounts and the customers' connections. */
export function documentBanks(): void {
  registry.registerPath({
    method: 'post',
    path: '/v1/admin/banks',
    operationId: 'admin/banks/postBank',
    tags,
    summary: 'Add a bank to the catalogue *(ours)* (operators)',
    security: [SECURITY.admin],
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(addBankBody, {
        name: 'Banque Exemple',
        cardType: 'bank',
        providerCode: 'sandbox',
        country: 'FR',
        authModels: ['redirect'],
      }),
    },
    responses: { 201: json(resource(bank), { data: bankExample, version: 0 }, 'created') },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/banks',
    operationId: 'admin/banks/getBanks',
    tags,
    summary: 'The bank catalogue by name (decision 46: the sandbox banks are in it from the start)',
    security: [SECURITY.admin],
    request: {
      query: z.object({
        ...PAGE_PARAMS,
      }),
    },
    responses: { 200: listJson(bank, bankExample) },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/admin/banks/{bankId}',
    operationId: 'admin/banks/patchBank',
    tags,
    summary: 'Change a catalogue bank; flipping `active` notifies every hub holding it (bank_status_update)',
    security: [SECURITY.admin],
    request: { params: bankIdParam, body: json(patchBankBody, { active: false }) },
    responses: { 200: bankResource },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/hub/banks/{bankId}',
    operationId: 'hub/banks/associateBank',
    tags,
    summary:
      "Offer a catalogue bank to the hub's customers *(ours)* (bank_association_notification INSERT); again: nothing",
    security: PROGRAM_SECURITY,
    request: { params: bankIdParam },
    responses: { 200: bankResource },
  });
  registry.registerPath({
    method: 'delete',
    path: '/v1/hub/banks/{bankId}',
    operationId: 'hub/banks/dissociateBank',
    tags,
    summary: 'Stop offering a bank *(ours)* (bank_association_notification DELETE); existing connections keep syncing',
    security: PROGRAM_SECURITY,
    request: { params: bankIdParam },
    responses: { 204: { description: 'dissociated' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/banks',
    operationId: 'bank_api/getBanks',
    tags,
    summary: 'The banks the hub offers, by name; an inactive one stays with `active: false`',
    security: API_KEY_SECURITY,
    request: { query: z.object({ cardType: z.enum(CARD_TYPES).optional() }) },
    responses: {
      200: json(z.object({ data: z.array(bank) }), { data: [bankExample] }),
      ...errorResponses(404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/banks/{bankId}',
    operationId: 'bank_api/getBankById',
    tags,
    summary:
      'A bank the hub offers (404 otherwise); with `customerId` and `redirectURI` also its `connectUrl` and a `state` bound to that customer (single-use, 30 min); with `customerId`, `chosenAuthModel: decoupled` and `psuId` (a bank offering it) `decoupledDetails` to poll verifyDecoupledConnection with, and the `state`; an inactive bank 422 operation_refused',
    security: API_KEY_SECURITY,
    request: {
      params: bankIdParam,
      headers: z.object({
        customerId: z.uuid().optional(),
        redirectURI: z.url().max(2000).optional(),
        chosenAuthModel: z.enum(AUTH_MODELS).optional(),
        psuId: z.string().max(200).optional(),
      }),
    },
    responses: {
      200: json(resource(bank.extend(consentStart)), {
        data: {
          ...bankExample,
          connectUrl:
            'https://api.example/v1/hub/sandbox/bank/authorize?state=q3VzdG9tZXItc3RhdGU&redirect_uri=https%3A%2F%2Fclub.example%2Fbank',
          state: 'q3VzdG9tZXItc3RhdGU',
        },
        version: 0,
      }),
      ...errorResponses(422),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/banks/test-accounts/{code}',
    operationId: 'bank_api/getTestAccountsByProviderCode',
    tags,
    summary: "A provider's test logins and the scenario each plays (only `sandbox` has any; other codes 404)",
    security: API_KEY_SECURITY,
    request: { params: z.object({ code: z.string().max(50).openapi({ example: 'sandbox' }) }) },
    responses: {
      200: json(
        z.object({ data: z.array(z.object({ login: z.string(), password: z.string(), scenario: z.string() })) }),
        {
          data: [{ login: 'sandbox-ok', password: 'sandbox-ok', scenario: 'sandbox-ok' }],
        },
      ),
    },
  });
  documentConnections();
}
