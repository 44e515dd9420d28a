import { IDEMPOTENCY_KEY, IF_MATCH, json, registry, resource, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { date, nullableText, uuid } from '../../openapi/wire.js';
import { created, ID, idParam, memberOrKey, route } from '../openapi-paths.js';
import { perkBody } from './schemas.js';

export const perkExample = {
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
/** The Perk component, embedded in a business's detail; registered by documentPerks. */
export const perk = z
  .object({
    id: uuid,
    business_id: uuid,
    name: z.string(),
    description: nullableText,
    times: z.number().int(),
    start_date: date.nullable(),
    end_date: date.nullable(),
    active: z.boolean(),
    perk_code: nullableText,
    nb_views: z.number().int(),
    appel: z.boolean(),
    durable: z.boolean(),
    flash: z.boolean(),
    perk_detail_id: z.number().int(),
    perk_detail_name: z.enum(['carte', 'email', 'online']),
    all_day: z.boolean(),
    picture: nullableText,
    times_remaining: z.number().int(),
    offer: nullableText,
    usable_for_user: z.boolean().openapi({ description: 'the calling member (none: false) may use it today' }),
  })
  .openapi('Perk');

/** Documents the perks' paths and the Perk component in the registry. */
export function documentPerks(): void {
  registry.register('Perk', perk);
  route(
    'post',
    '/v1/businesses/{id}/perks',
    'Create a perk of the business; a flash perk’s `times` is how many uses remain',
    {
      security: PROGRAM_SECURITY,
      request: {
        params: idParam,
        headers: IDEMPOTENCY_KEY,
        body: json(perkBody.create, {
          perk: { name: 'OFFRE FLASH', offer: 'Offert', perk_detail_id: 1, flash: true, times: 15 },
        }),
      },
      responses: { 201: created },
    },
  );
  route('get', '/v1/perks/{id}', 'One perk, with perk_detail_name and usable_for_user', {
    security: memberOrKey,
    request: { params: idParam },
    responses: { 200: json(resource(perk), { data: perkExample, version: 0 }) },
  });
  route('patch', '/v1/perks/{id}', 'Update or deactivate a perk; setting `times` restarts the flash count', {
    security: PROGRAM_SECURITY,
    request: { params: idParam, headers: IF_MATCH, body: json(perkBody.patch, { perk: { active: false } }) },
    responses: {
      200: json(resource(perk), { data: { ...perkExample, usable_for_user: false }, version: 1 }),
    },
  });
}
