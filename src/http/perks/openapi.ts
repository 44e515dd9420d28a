import { errorResponses, IDEMPOTENCY_KEY, IF_MATCH, json, listOf, pathId, PROGRAM_SECURITY, registry, resource, SECURITY, z } from '../openapi/registry.js';
import { addressBody, businessBody, businessCategoryBody, partnerCheckBody, partnerCodeBody, perkBody, useCreateBody, usePatchBody } from './schemas.js';

const tags = ['Perks'];
const ID = '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41';
const idParam = pathId(ID);
const memberOrKey = [SECURITY.memberToken, SECURITY.memberBearer, SECURITY.apiKey, ...PROGRAM_SECURITY];
const created = json(resource(z.object({ id: z.string() })), { data: { id: ID }, version: 0 }, 'Created');

const categoryExample = { id: ID, name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite', picture: 'business_categories/mobilite', active: true };
const category = registry.register(
  'BusinessCategory',
  z.object({ id: z.string(), name: z.string(), color: z.string().nullable(), marker_symbol: z.string().nullable(), picture: z.string().nullable(), active: z.boolean() }),
);

const perkExample = {
  id: ID,
  business_id: ID,
  name: '25% SUR LE PREMIER PRODUIT ACHETé !',
  description: 'Pour vous accueillir en tant que nouveau client',
  times: 0,
  start_date: null,
  end_date: null,
  active: true,
  perk_code: 'CFORGOOD',
  nb_views: 0,
  appel: true,
  durable: false,
  flash: false,
  perk_detail_id: 2,
  perk_detail_name: 'email',
  all_day: false,
  picture: null,
  times_remaining: 0,
  offer: 'Offert',
  usable_for_user: true,
};
const perk = registry.register(
  'Perk',
  z
    .object({
      id: z.string(),
      business_id: z.string(),
      name: z.string(),
      flash: z.boolean(),
      times: z.number().int(),
      times_remaining: z.number().int(),
      perk_detail_id: z.number().int(),
      perk_detail_name: z.enum(['carte', 'email', 'online']),
      start_date: z.string().nullable(),
      end_date: z.string().nullable(),
      active: z.boolean(),
      usable_for_user: z.boolean().openapi({ description: 'the calling member (none: false) may use it today' }),
    })
    .catchall(z.unknown()),
);

const addressExample = {
  id: ID,
  street: 'rue de la Boétie',
  zipcode: '33300',
  city: 'Bordeaux',
  latitude: 44.839438,
  longitude: -0.5803727,
  main: true,
  timetables: [{ day: 'lundi', start_at: '05:00', end_at: '07:00' }],
};
const address = registry.register('BusinessAddress', z.object({ id: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable(), main: z.boolean() }).catchall(z.unknown()));

const summaryExample = {
  id: ID,
  email: null,
  name: 'La ruche des Chartrons',
  activity: null,
  picture: null,
  business_category_id: ID,
  like: 0,
  online: false,
  shop: true,
  itinerant: false,
  distance_km: 2.06,
  addresses: [{ id: ID, latitude: 44.8561327, longitude: -0.576172 }],
  labels: [{ name: 'Engagement social' }],
  perks: [{ id: ID, name: 'UN CADEAU DE BIENVENUE', flash: false, times_remaining: 0, picture: null, offer: 'Offert', nb_views: 0 }],
};
const summary = registry.register(
  'BusinessSummary',
  z.object({ id: z.string(), name: z.string(), like: z.number().int(), online: z.boolean(), distance_km: z.number().nullable(), addresses: z.array(z.object({})), labels: z.array(z.object({ name: z.string() })), perks: z.array(z.object({})) }).catchall(z.unknown()),
);
const detailExample = { ...summaryExample, name: 'INSPIRESELF', unlike: 0, address: addressExample, addresses: [addressExample], labels: [{ name: 'Produits éco-responsables', picture: null }], perks: [perkExample] };
const detail = registry.register(
  'Business',
  z.object({ id: z.string(), name: z.string(), like: z.number().int(), unlike: z.number().int(), address: address.nullable(), addresses: z.array(address), perks: z.array(perk) }).catchall(z.unknown()),
);

const useExample = { id: ID, perk_id: ID, perk_name: 'UN THé OFFERT !', business_id: ID, business_name: 'Origines Tea & Coffee', feedback: 'like', created_at: '2017-02-06T09:27:36.000Z', feedback_at: '2017-02-07T10:00:00.000Z' };
const use = registry.register('PerkUse', z.object({ id: z.string(), perk_id: z.string(), feedback: z.enum(['like', 'unlike', 'unused']).nullable() }).catchall(z.unknown()));

const partnerExample = { id: ID, code_partner: 'CFORGOODBDX', partner_name: 'CforGood Bordeaux', latitude: 44.8378, longitude: -0.5792, radius_km: 20, cities: [], trial_months: 1, gift_months: 0, active: true };
const partnerCode = registry.register('PartnerCode', z.object({ id: z.string(), code_partner: z.string(), active: z.boolean() }).catchall(z.unknown()));

type Method = 'post' | 'patch' | 'get';
const route = (method: Method, path: string, summaryText: string, config: Record<string, unknown>) => registry.registerPath({ method, path, tags, summary: summaryText, ...config } as Parameters<typeof registry.registerPath>[0]);

route('get', '/v1/business-categories', 'The program’s business categories', {
  security: [SECURITY.apiKey, ...PROGRAM_SECURITY],
  request: { query: z.object({ page: z.number().int().optional(), per_page: z.number().int().optional() }) },
  responses: { 200: json(listOf(category), { data: [categoryExample], paging: { page: 1, per_page: 20, total: 1 } }), ...errorResponses(401) },
});
route('post', '/v1/business-categories', 'Create a business category', {
  security: PROGRAM_SECURITY,
  request: { headers: IDEMPOTENCY_KEY, body: json(businessCategoryBody.create, { business_category: { name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite' } }) },
  responses: { 201: created, ...errorResponses(401, 403, 409, 422) },
});
route('patch', '/v1/business-categories/{id}', 'Update or deactivate (`active: false`) a business category', {
  security: PROGRAM_SECURITY,
  request: { params: idParam, headers: IF_MATCH, body: json(businessCategoryBody.patch, { business_category: { color: '#36d3da' } }) },
  responses: { 200: json(resource(category), { data: categoryExample, version: 1 }), ...errorResponses(401, 403, 404, 412, 422) },
});

route('get', '/v1/businesses', 'Active businesses with an address within 10 km of the point, nearest first; online ones too with online=true', {
  security: memberOrKey,
  request: {
    query: z.object({
      lat: z.number().min(-90).max(90).openapi({ example: 44.8378 }),
      lng: z.number().min(-180).max(180).openapi({ example: -0.5792 }),
      online: z.boolean().optional(),
      page: z.number().int().optional(),
      per_page: z.number().int().optional(),
    }),
  },
  responses: { 200: json(listOf(summary), { data: [summaryExample], paging: { page: 1, per_page: 20, total: 1 } }), ...errorResponses(401, 422) },
});
route('post', '/v1/businesses', 'Create a business', {
  security: PROGRAM_SECURITY,
  request: { headers: IDEMPOTENCY_KEY, body: json(businessBody.create, { business: { name: 'INSPIRESELF', shop: true, online: true, labels: ['Produits éco-responsables'] } }) },
  responses: { 201: created, ...errorResponses(401, 403, 422) },
});
route('get', '/v1/businesses/{id}', 'One business with its perks in detail and usable_for_user', {
  security: memberOrKey,
  request: { params: idParam, query: z.object({ address_id: z.string().optional() }) },
  responses: { 200: json(resource(detail), { data: detailExample, version: 2 }), ...errorResponses(401, 404) },
});
route('patch', '/v1/businesses/{id}', 'Update or deactivate a business', {
  security: PROGRAM_SECURITY,
  request: { params: idParam, headers: IF_MATCH, body: json(businessBody.patch, { business: { phone: '+33663075090' } }) },
  responses: { 200: json(resource(detail), { data: detailExample, version: 3 }), ...errorResponses(401, 403, 404, 412, 422) },
});
route('post', '/v1/businesses/{id}/addresses', 'Add an address (latitude, longitude, main, timetables)', {
  security: PROGRAM_SECURITY,
  request: { params: idParam, headers: IDEMPOTENCY_KEY, body: json(addressBody.create, { address: { ...addressExample, id: undefined } }) },
  responses: { 201: created, ...errorResponses(401, 403, 404, 422) },
});
route('patch', '/v1/businesses/{id}/addresses/{address_id}', 'Update an address', {
  security: PROGRAM_SECURITY,
  request: { params: idParam.extend({ address_id: z.string().uuid() }), headers: IF_MATCH, body: json(addressBody.patch, { address: { main: true } }) },
  responses: { 200: json(resource(address), { data: addressExample, version: 4 }), ...errorResponses(401, 403, 404, 412, 422) },
});
route('post', '/v1/businesses/{id}/perks', 'Create a perk of the business; a flash perk’s `times` is how many uses remain', {
  security: PROGRAM_SECURITY,
  request: { params: idParam, headers: IDEMPOTENCY_KEY, body: json(perkBody.create, { perk: { name: 'OFFRE FLASH', offer: 'Offert', perk_detail_id: 1, flash: true, times: 15 } }) },
  responses: { 201: created, ...errorResponses(401, 403, 404, 422) },
});
route('get', '/v1/perks/{id}', 'One perk, with perk_detail_name and usable_for_user', {
  security: memberOrKey,
  request: { params: idParam },
  responses: { 200: json(resource(perk), { data: perkExample, version: 0 }), ...errorResponses(401, 404) },
});
route('patch', '/v1/perks/{id}', 'Update or deactivate a perk; setting `times` restarts the flash count', {
  security: PROGRAM_SECURITY,
  request: { params: idParam, headers: IF_MATCH, body: json(perkBody.patch, { perk: { active: false } }) },
  responses: { 200: json(resource(perk), { data: { ...perkExample, usable_for_user: false }, version: 1 }), ...errorResponses(401, 403, 404, 412, 422) },
});

route('post', '/v1/uses', 'Use a perk (a member with an active subscription); refused with operation_refused when it is not usable', {
  security: [SECURITY.memberToken, SECURITY.memberBearer],
  request: { headers: IDEMPOTENCY_KEY, body: json(useCreateBody, { use: { perk_id: ID } }) },
  responses: { 201: created, ...errorResponses(401, 404, 422) },
});
route('patch', '/v1/uses/{id}', 'Give the one feedback of a use (its owner only)', {
  security: [SECURITY.memberToken, SECURITY.memberBearer],
  request: { params: idParam, body: json(usePatchBody, { use: { feedback: 'like' } }) },
  responses: { 200: json(resource(use), { data: useExample, version: 2 }), ...errorResponses(401, 404, 422) },
});

route('post', '/v1/partner-codes', 'Create a partner code, valid within radius_km of its point or in one of its cities (given with their centres)', {
  security: PROGRAM_SECURITY,
  request: { headers: IDEMPOTENCY_KEY, body: json(partnerCodeBody.create, { partner_code: { code_partner: 'CFORGOODBDX', latitude: 44.8378, longitude: -0.5792, radius_km: 20, trial_months: 1 } }) },
  responses: { 201: created, ...errorResponses(401, 403, 422) },
});
route('patch', '/v1/partner-codes/{id}', 'Update or deactivate a partner code', {
  security: PROGRAM_SECURITY,
  request: { params: idParam, headers: IF_MATCH, body: json(partnerCodeBody.patch, { partner_code: { active: false } }) },
  responses: { 200: json(resource(partnerCode), { data: partnerExample, version: 1 }), ...errorResponses(401, 403, 404, 412, 422) },
});
route('post', '/v1/partner-codes/check', 'Whether a partner code is usable at this point: 200 if so, 404 if not', {
  security: [SECURITY.apiKey, ...PROGRAM_SECURITY],
  request: { body: json(partnerCheckBody, { code_partner: 'CFORGOODBDX', lat: 44.8378, lng: -0.5792 }) },
  responses: { 200: json(z.object({ data: z.object({ code_partner: z.string() }) }), { data: { code_partner: 'CFORGOODBDX' } }), ...errorResponses(401, 404, 422) },
});
