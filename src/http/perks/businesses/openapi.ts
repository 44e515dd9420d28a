import { IDEMPOTENCY_KEY, IF_MATCH, json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { nullableText, PAGE_QUERY, texts, uuid } from '../../openapi/wire.js';
import { INSPIRESELF_PLACE } from '../../openapi/seed-examples.js';
import { created, ID, memberOrKey, tags } from '../openapi-paths.js';
import { perk, perkExample } from '../perks/openapi.js';
import { addressBody, businessBody } from './schemas.js';

const HOUR = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const addressExample = {
  id: ID,
  ...INSPIRESELF_PLACE,
  timetables: [{ day: 'lundi', start_at: '05:00', end_at: '07:00' }],
};
/** Documents the businesses' and their addresses' paths in the registry. */
export function documentBusinesses(): void {
  const address = registry.register(
    'BusinessAddress',
    z.object({
      id: uuid,
      street: nullableText,
      zipcode: nullableText,
      city: nullableText,
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      main: z.boolean(),
      timetables: z.array(z.object({ day: z.string(), start_at: HOUR, end_at: HOUR })),
    }),
  );

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
    perks: [
      {
        id: ID,
        name: 'UN CADEAU DE BIENVENUE',
        flash: false,
        times_remaining: 0,
        picture: null,
        offer: 'Offert',
        nb_views: 0,
      },
    ],
  };
  const summary = registry.register(
    'BusinessSummary',
    z.object({
      id: uuid,
      email: nullableText,
      name: z.string(),
      activity: nullableText,
      picture: nullableText,
      business_category_id: uuid.nullable(),
      like: z.number().int(),
      online: z.boolean(),
      shop: z.boolean(),
      itinerant: z.boolean(),
      distance_km: z.number().nullable(),
      addresses: z.array(z.object({ id: uuid, latitude: z.number().nullable(), longitude: z.number().nullable() })),
      labels: z.array(z.object({ name: z.string() })),
      perks: z.array(
        z.object({
          id: uuid,
          name: z.string(),
          flash: z.boolean(),
          times_remaining: z.number().int(),
          picture: nullableText,
          offer: nullableText,
          nb_views: z.number().int(),
        }),
      ),
    }),
  );
  const detailExample = {
    ...summaryExample,
    name: 'INSPIRESELF',
    unlike: 0,
    address: addressExample,
    addresses: [addressExample],
    labels: [{ name: 'Produits éco-responsables', picture: null }],
    perks: [perkExample],
  };
  const detail = registry.register(
    'Business',
    z.object({
      id: uuid,
      name: z.string(),
      ...texts('activity', 'url', 'phone', 'email', 'description'),
      business_category_id: uuid.nullable(),
      ...texts('facebook', 'twitter', 'instagram', 'leader_first_name', 'leader_last_name', 'leader_description'),
      online: z.boolean(),
      shop: z.boolean(),
      itinerant: z.boolean(),
      ...texts('picture', 'leader_picture'),
      like: z.number().int(),
      unlike: z.number().int(),
      link_video: nullableText,
      active: z.boolean(),
      address: address.nullable(),
      addresses: z.array(address),
      labels: z.array(z.object({ name: z.string(), picture: z.null() })),
      perks: z.array(perk),
    }),
  );

  const businesses = documentResource({ path: '/v1/businesses', tags, id: ID });
  businesses.list(
    'Active businesses with an address within 10 km of the point, nearest first; online ones too with online=true',
    z
      .object({
        lat: z.number().min(-90).max(90).openapi({ example: 44.8378 }),
        lng: z.number().min(-180).max(180).openapi({ example: -0.5792 }),
        online: z.boolean().optional(),
      })
      .extend(PAGE_QUERY.shape),
    listJson(summary, summaryExample),
    { security: memberOrKey },
  );
  businesses.create(
    'Create a business',
    json(businessBody.create, {
      business: { name: 'INSPIRESELF', shop: true, online: true, labels: ['Produits éco-responsables'] },
    }),
    { 201: created },
  );
  businesses.action(
    'get',
    '',
    'One business with its perks in detail and usable_for_user',
    { query: z.object({ address_id: uuid.optional() }) },
    { 200: json(resource(detail), { data: detailExample, version: 2 }) },
    { security: memberOrKey },
  );
  businesses.patch(
    'Update or deactivate a business',
    json(businessBody.patch, { business: { phone: '+33663075090' } }),
    json(resource(detail), { data: detailExample, version: 3 }),
  );
  businesses.action(
    'post',
    '/addresses',
    'Add an address (latitude, longitude, main, timetables)',
    {
      headers: IDEMPOTENCY_KEY,
      body: json(addressBody.create, { address: { ...addressExample, id: undefined } }),
    },
    { 201: created },
  );
  businesses.action(
    'patch',
    '/addresses/{address_id}',
    'Update an address',
    {
      params: businesses.idParam.extend({ address_id: uuid }),
      headers: IF_MATCH,
      body: json(addressBody.patch, { address: { main: true } }),
    },
    { 200: json(resource(address), { data: addressExample, version: 4 }) },
  );
}
