import { STORE_LIST_KINDS, STORE_TYPES } from '../../../domain/hub/stores/events.js';
import { errorResponses, IDEMPOTENCY_KEY, json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { nullableText, PAGE_PARAMS } from '../../openapi/wire.js';
import { STORE_ID } from '../examples.js';
import { storeListV1Body, storeListV2Body } from './schemas.js';

const tags = ['Hub stores'];
const SIGNED = PROGRAM_SECURITY;
/** The hub's public reads (stores, offers): an app's Api-Key, a customer, or the program. */
export const ANY_CALLER = [SECURITY.apiKey, { customerBearer: [] }, ...PROGRAM_SECURITY];
const REQUEST_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const external = (description: string) => z.string().meta({ description, 'x-external-id': true });

/** A store's brand, whether it is online and its address, as every list of stores shows them. */
export const storePlaceFields = {
  brandId: nullableText,
  brandName: nullableText,
  isOnline: z.boolean(),
  streetNumber: nullableText,
  streetName: nullableText,
  city: nullableText,
  country: nullableText,
  postCode: nullableText,
};

const store = z.object({
  id: z.uuid(),
  externalId: external("the program's own store id"),
  name: z.string(),
  type: z.enum(STORE_TYPES),
  ...storePlaceFields,
  googlePlaceId: nullableText.optional().meta({ description: 'signed callers only' }),
  active: z.boolean().optional().meta({ description: 'signed callers only' }),
  patterns: z.array(z.string()).optional().meta({ description: 'signed callers only; upper-cased label parts' }),
});
const storeExample = {
  id: STORE_ID,
  externalId: '18289514',
  name: 'Sandbox Store A',
  type: 'store',
  brandId: 'B-12',
  brandName: 'Sandbox',
  isOnline: false,
  streetNumber: '12',
  streetName: 'Rue Sainte-Catherine',
  city: 'Bordeaux',
  country: 'FR',
  postCode: '33000',
  googlePlaceId: null,
  active: true,
  patterns: ['SANDBOX STORE A'],
};
const accepted = json(
  z.object({ data: z.object({ requestId: z.uuid() }) }),
  { data: { requestId: REQUEST_ID } },
  'accepted: integrated by a background job; store_list_updated tells the result',
);
const storeListStatus = z.object({
  requestId: z.uuid(),
  kind: z.enum(STORE_LIST_KINDS),
  result: z.enum(['pending', 'success', 'failed']),
  resultDetail: nullableText,
  created: z.number().int().nullable(),
  updated: z.number().int().nullable(),
  deactivated: z.number().int().nullable(),
  requestedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
const listBodyExample = {
  stores: [{ externalId: '18289514', name: 'Sandbox Store A', city: 'Bordeaux', country: 'FR' }],
};

/** Documents the store lists and the stores. */
export function documentStores(): void {
  const postList = (path: string, operationId: string, summary: string, body: z.ZodType) =>
    registry.registerPath({
      method: 'post',
      path,
      operationId,
      tags,
      summary,
      security: SIGNED,
      request: { headers: IDEMPOTENCY_KEY, body: json(body, listBodyExample) },
      responses: { 202: accepted },
    });
  postList(
    '/v1/hub/store-lists',
    'admin_api/postStoresList',
    'The full store list (1–500 stores): stores it omits are deactivated. Also backoffice/stores_api/postStoresList. A still-pending older request is superseded (failed).',
    storeListV1Body,
  );
  postList(
    '/v1/hub/store-lists/v2',
    'admin_api/postStoresListV2',
    'An incremental upsert by externalId (1–500 stores); active: false deactivates. Also backoffice/stores_api/postStore and backoffice/v3/stores_api/postStore.',
    storeListV2Body,
  );
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/store-lists/{requestId}',
    operationId: 'hub/getStoreListRequest',
    tags,
    summary: "A store-list request's result: pending, success or failed (with the reason)",
    security: SIGNED,
    request: { params: z.object({ requestId: z.uuid().openapi({ example: REQUEST_ID }) }) },
    responses: {
      200: json(z.object({ data: storeListStatus }), {
        data: {
          requestId: REQUEST_ID,
          kind: 'v1',
          result: 'success',
          resultDetail: null,
          created: 1,
          updated: 0,
          deactivated: 0,
          requestedAt: '2026-11-22T10:00:00.000Z',
          updatedAt: '2026-11-22T10:00:01.000Z',
        },
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/stores',
    operationId: 'stores_api/getStoresByCustomer',
    tags,
    summary:
      "The hub's active stores and services by name; a signed (or program) caller also gets deactivated ones, active, patterns. Also admin_api/getStoresList and backoffice/stores_api/getStoresByShoppingHubId. Headers customerId or externalId, when sent, must name a customer of the hub.",
    security: ANY_CALLER,
    request: {
      headers: z.object({
        customerId: z.uuid().optional(),
        externalId: external("a customer's external id").optional(),
      }),
      query: z.object({
        ...PAGE_PARAMS,
        search: z.string().max(200).optional(),
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/)
          .optional(),
        city: z.string().max(100).optional(),
      }),
    },
    responses: {
      200: listJson(store, storeExample),
      ...errorResponses(404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/hub/stores/{storeId}',
    operationId: 'hub/getStore',
    tags,
    summary:
      "(ours: the back office's store detail) One store by our id or its externalId (a deactivated one only for signed callers; another hub's 404)",
    security: ANY_CALLER,
    request: { params: z.object({ storeId: z.string().max(100).openapi({ example: STORE_ID }) }) },
    responses: { 200: json(resource(store), { data: storeExample, version: 0 }) },
  });
}
