import {
  CAPPING_TYPES,
  CONDITION_TYPES,
  CONDITION_VALUE_TYPES,
  OFFER_TYPES,
} from '../../../domain/hub/offers/events.js';
import { REWARD_TYPES } from '../../../domain/hub/rewards/events.js';
import {
  errorResponses,
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  listJson,
  resource,
  taggedPaths,
  z,
} from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { nullableText, PAGE_PARAMS } from '../../openapi/wire.js';
import { STORE_ID } from '../examples.js';
import { ANY_CALLER, storePlaceFields } from '../stores/openapi.js';
import { createOfferBody, patchOfferBody } from './schemas.js';

const tags = ['Hub offers and rewards'];
const register = taggedPaths(tags);
export const OFFER_ID = '4f284506-f8e8-486a-994a-2fa0f62838e5';
const moneyText = z.string().regex(/^\d+\.\d{2}$/);
const measureText = z
  .string()
  .regex(/^\d+(\.\d{2})?$/)
  .meta({ description: 'money with two decimals, or a count' });

export const offerSchema = z.object({
  id: z.uuid(),
  startDate: nullableText,
  endDate: nullableText,
  name: z.string(),
  teaser: nullableText,
  offerType: z.enum(OFFER_TYPES),
  rewardType: z.enum(REWARD_TYPES),
  rewardLabel: nullableText,
  rewardValue: moneyText,
  conditionLabel: nullableText,
  conditionValue: measureText,
  legalConditionText: nullableText,
  active: z.boolean().meta({ description: 'on and not capped' }),
  createdAt: z.iso.datetime(),
  conditionType: z.enum(CONDITION_TYPES),
  conditionValueType: z.enum(CONDITION_VALUE_TYPES),
  rewardCumulatedLimit: moneyText.nullable(),
  cappingLimit: measureText.nullable(),
  cappingType: z.enum(CAPPING_TYPES),
  capped: z.boolean(),
  terms: nullableText,
  stores: z
    .union([z.object({ related: z.array(z.string()) }), z.object({ unrelated: z.array(z.string()) })])
    .nullable(),
  nbTransactionPerReward: z.number().int().nullable(),
  occurrenceLimit: z.number().int().nullable(),
  multipleOccurenceByDay: z.boolean(),
  emailNotificationDate: nullableText,
  updatedAt: z.iso.datetime(),
});
export const offerExample = {
  id: OFFER_ID,
  startDate: '2026-12-01T00:00:00.000Z',
  endDate: '2026-12-31T00:00:00.000Z',
  name: 'December offer',
  teaser: 'Recevez 10 € pour 80 € d’achats',
  offerType: 'frequency',
  rewardType: 'RFND',
  rewardLabel: '10 €',
  rewardValue: '10.00',
  conditionLabel: "Recevez 10€ pour 80€ d'achats cumulés",
  conditionValue: '80.00',
  legalConditionText: null,
  active: true,
  createdAt: '2026-11-30T09:00:00.000Z',
  conditionType: 'SPND',
  conditionValueType: 'AMNT',
  rewardCumulatedLimit: null,
  cappingLimit: '1000.00',
  cappingType: 'amount',
  capped: false,
  terms: null,
  stores: null,
  nbTransactionPerReward: null,
  occurrenceLimit: 1,
  multipleOccurenceByDay: false,
  emailNotificationDate: null,
  updatedAt: '2026-11-30T09:00:00.000Z',
};
const createExample = {
  name: 'December offer',
  offerType: 'frequency',
  startDate: '2026-12-01',
  endDate: '2026-12-31',
  rewardType: 'RFND',
  rewardLabel: '10 €',
  rewardValue: '10.00',
  conditionType: 'SPND',
  conditionValueType: 'AMNT',
  conditionValue: '80.00',
  cappingLimit: '1000.00',
  occurrenceLimit: 1,
};
const offerParams = z.object({ offerId: z.uuid().openapi({ example: OFFER_ID }) });
const listQuery = z.object({
  current: z.enum(['true', 'false']).optional(),
  ...PAGE_PARAMS,
});

/** Documents the offer routes (the seed's unnamed challenge routes and getStoresByShoppingHubIdAndChallengeId). */
export function documentOffers(): void {
  register({
    method: 'get',
    path: '/v1/hub/offers',
    operationId: 'challenge_api/getChallenges',
    summary:
      "The hub's offers (the seed's unnamed apiKey challenge list), most recent first; `current=true`: on, uncapped and in their period now; `false`: the others",
    security: ANY_CALLER,
    request: { query: listQuery },
    responses: { 200: listJson(offerSchema, offerExample), ...errorResponses(404) },
  });
  register({
    method: 'get',
    path: '/v1/hub/offers/{offerId}',
    operationId: 'challenge_api/getChallenge',
    summary: "One offer of the hub (the seed's unnamed challenge details); another hub's 404",
    security: ANY_CALLER,
    request: { params: offerParams },
    responses: { 200: json(resource(offerSchema), { data: offerExample, version: 1 }) },
  });
  register({
    method: 'post',
    path: '/v1/hub/offers',
    operationId: 'backoffice/challenge_api/postChallenge',
    summary:
      'Create a new challenge → OfferCreated (offer_updated `created`); money as decimals, `conditionValue` a count for SPND+NMBR, RFRL and CREA; a startDate after endDate 422',
    security: PROGRAM_SECURITY,
    request: { headers: IDEMPOTENCY_KEY, body: json(createOfferBody, createExample) },
    responses: { 201: json(resource(offerSchema), { data: offerExample, version: 0 }, 'created') },
  });
  register({
    method: 'patch',
    path: '/v1/hub/offers/{offerId}',
    operationId: 'backoffice/challenge_api/patchChallenge',
    summary:
      'Update challenge: any create field and `storeChanges {added, removed}` → OfferUpdated (offer_updated `updated`); applies to purchases after the change; a stale If-Match 412',
    security: PROGRAM_SECURITY,
    request: {
      params: offerParams,
      headers: IF_MATCH,
      body: json(patchOfferBody, { conditionValue: '60.00', storeChanges: { added: [STORE_ID], removed: [] } }),
    },
    responses: { 200: json(resource(offerSchema), { data: offerExample, version: 2 }) },
  });
  register({
    method: 'delete',
    path: '/v1/hub/offers/{offerId}',
    operationId: 'backoffice/challenge_api/deleteChallenge',
    summary: 'Delete challenge: deactivates it (OfferDeactivated, offer_updated `updated`); its rewards stay',
    security: PROGRAM_SECURITY,
    request: { params: offerParams, headers: IF_MATCH },
    responses: { 204: { description: 'deactivated' } },
  });
  register({
    method: 'get',
    path: '/v1/hub/offers/{offerId}/stores',
    operationId: 'backoffice/stores_api/getStoresByShoppingHubIdAndChallengeId',
    summary: "The hub's active stores, each with `linked`: whether the offer counts purchases there",
    security: PROGRAM_SECURITY,
    request: { params: offerParams, query: listQuery.omit({ current: true }) },
    responses: {
      200: listJson(
        z.object({
          id: z.uuid(),
          externalId: z.string(),
          name: z.string(),
          type: z.enum(['store', 'service']),
          ...storePlaceFields,
          linked: z.boolean(),
        }),
        {
          id: STORE_ID,
          externalId: '18289514',
          name: 'Sandbox Store A',
          type: 'store',
          brandId: null,
          brandName: null,
          isOnline: false,
          streetNumber: null,
          streetName: null,
          city: 'Bordeaux',
          country: 'FR',
          postCode: null,
          linked: true,
        },
      ),
    },
  });
}
