import { configuredOptinsExample, lookupExample } from '../examples.js';
import { REGISTRATION_TYPES } from '../../../domain/hub/hubs/events.js';
import {
  errorResponses,
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  listJson,
  registry,
  resource,
  z,
} from '../../openapi/registry.js';
import { API_KEY_SECURITY, PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { PAGE_PARAMS } from '../../openapi/wire.js';
import { language } from '../fields.js';
import { HUB_ID, hubExample, hubSchema as hub, lookupSchema as lookup } from './openapi-schemas.js';
import { adminPatchHubBody, createHubBody, patchHubBody, putOptinsBody } from './schemas.js';

const tags = ['Hub'];
const REQUIRED_CREATE_FIELDS = [
  'name',
  'country',
  'phoneRequired',
  'emailRequired',
  'customerExternalIdRequired',
  'dataRetrievalMethod',
] as const;

/** Documents the hub, its admin routes, lookup, optins and phone countries. */
export function documentHubs(): void {
  const optin = z.object({ code: z.string(), label: z.string(), required: z.boolean() });
  const configured = z.object({
    registrationType: z.enum(REGISTRATION_TYPES),
    optins: z.array(z.object({ code: z.string(), label: z.record(z.string(), z.string()), required: z.boolean() })),
  });
  const hubResource = json(resource(hub), { data: hubExample, version: 0 });

  registry.registerPath({
    method: 'post',
    path: '/v1/hub',
    operationId: 'backoffice/shopping_hub_api/postShoppingHubs',
    tags,
    summary:
      "Create the program's hub (one per program: a second is 409 conflict; a taken host 409 conflict_uniqueness)",
    security: PROGRAM_SECURITY,
    request: {
      headers: IDEMPOTENCY_KEY,
      // The example hub's required fields and its host.
      body: json(createHubBody, {
        ...Object.fromEntries(REQUIRED_CREATE_FIELDS.map((field) => [field, hubExample[field]])),
        host: hubExample.host,
      }),
    },
    responses: { 201: json(resource(hub), { data: hubExample, version: 0 }, 'created') },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub',
    operationId: 'backoffice/shopping_hub_api/getShoppingHubById',
    tags,
    summary: "The program's hub (404 until it is created)",
    security: PROGRAM_SECURITY,
    responses: { 200: hubResource, ...errorResponses(404) },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/hub',
    operationId: 'backoffice/shopping_hub_api/patchShoppingHubs',
    tags,
    summary: 'Change any creation field of the hub (If-Match guards it)',
    security: PROGRAM_SECURITY,
    request: { headers: IF_MATCH, body: json(patchHubBody, { scanEnable: false }) },
    responses: { 200: hubResource },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/hubs',
    operationId: 'backoffice/shopping_hub_api/getShoppingHubs',
    tags,
    summary: 'Every hub of the platform, oldest first (operators)',
    security: [SECURITY.admin],
    request: {
      query: z.object({
        ...PAGE_PARAMS,
        shoppingHubName: z.string().max(200).optional(),
        shoppingHubProgramName: z.string().max(200).optional(),
      }),
    },
    responses: { 200: listJson(hub, hubExample) },
  });
  const hubIdParam = z.object({ hubId: z.uuid().openapi({ example: HUB_ID }) });
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/hubs/{hubId}',
    operationId: 'admin/backoffice/shopping_hub_api/getShoppingHubById',
    tags,
    summary: 'One hub (operators)',
    security: [SECURITY.admin],
    request: { params: hubIdParam },
    responses: { 200: hubResource },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/admin/hubs/{hubId}',
    operationId: 'admin/backoffice/shopping_hub_api/patchShoppingHubs',
    tags,
    summary: 'Set the fields only operators set (cashback provider, wallet threshold, provider account ids)',
    security: [SECURITY.admin],
    request: { params: hubIdParam, headers: IF_MATCH, body: json(adminPatchHubBody, { cashbackProvider: 'sandbox' }) },
    responses: { 200: hubResource },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/lookup',
    operationId: 'shopping_hub_api/getShoppingHub',
    tags,
    summary:
      'A hub for its front: by `host` without credentials; by `externalId` or `customerExternalId` with the Api-Key. The highest-ranked parameter given (customerExternalId > externalId > host) decides alone; no match 404.',
    security: [{}, SECURITY.apiKey],
    request: {
      query: z.object({
        host: z.string().max(253).optional(),
        externalId: z.string().max(100).optional(),
        customerExternalId: z.string().max(100).optional(),
      }),
    },
    responses: { 200: json(resource(lookup), lookupExample), ...errorResponses(404) },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/hub/optins',
    operationId: 'hub/putOptins',
    tags,
    summary: 'Configure the optins of one registration type *(ours, feeds getOptins)*',
    security: PROGRAM_SECURITY,
    request: {
      body: json(putOptinsBody, {
        registrationType: 'SCR',
        optins: [{ code: 'cgu', label: { fr: "J'accepte les CGU", en: 'I accept the terms' }, required: true }],
      }),
    },
    responses: { 200: json(z.object({ data: configured }), configuredOptinsExample) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/optins',
    operationId: 'auth_api/getOptins',
    tags,
    summary: 'The optins of a registration type (SCR unless said), labelled in `lng` (else the main language)',
    security: API_KEY_SECURITY,
    request: {
      query: z.object({
        lng: language.optional(),
        registrationType: z.enum(REGISTRATION_TYPES).optional(),
      }),
    },
    responses: {
      200: json(z.object({ data: z.array(optin) }), {
        data: [{ code: 'cgu', label: "J'accepte les CGU", required: true }],
      }),
      ...errorResponses(404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/phone-countries',
    operationId: 'country_api/getPhoneCountries',
    description: 'Also serves `country_api/getPhoneCountriesBackOffice` (admin).',
    tags,
    summary: 'The countries the SMS port serves',
    security: [...API_KEY_SECURITY, SECURITY.admin],
    responses: {
      200: json(
        z.object({
          data: z.array(
            z.object({
              countryCode: z.number().int().min(1).max(999),
              iso: z.string().regex(/^[A-Z]{2}$/),
              name: z.string(),
            }),
          ),
        }),
        { data: [{ countryCode: 33, iso: 'FR', name: 'France' }] },
      ),
    },
  });
}
