import { json, registry, resource, z } from '../../openapi/registry.js';
import { API_KEY_SECURITY } from '../../openapi/security.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { nullableText, uuid } from '../../openapi/wire.js';
import { created, ID, route, tags } from '../openapi-paths.js';
import { partnerCheckBody, partnerCodeBody } from './schemas.js';

const CITY = z.object({ name: z.string(), latitude: z.number(), longitude: z.number() });

const partnerExample = {
  id: ID,
  code_partner: 'CFORGOODBDX',
  partner_name: 'CforGood Bordeaux',
  latitude: 44.8378,
  longitude: -0.5792,
  radius_km: 20,
  cities: [],
  trial_months: 1,
  gift_months: 0,
  active: true,
};
/** Documents the partner codes' paths in the registry. */
export function documentPartnerCodes(): void {
  const partnerCode = registry.register(
    'PartnerCode',
    z.object({
      id: uuid,
      code_partner: z.string(),
      partner_name: nullableText,
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      radius_km: z.number().nullable(),
      cities: z.array(CITY),
      trial_months: z.number().int(),
      gift_months: z.number().int(),
      active: z.boolean(),
    }),
  );

  const partnerCodes = documentResource({ path: '/v1/partner-codes', tags, id: ID });
  partnerCodes.create(
    'Create a partner code, valid within radius_km of its point or in one of its cities (given with their centres)',
    json(partnerCodeBody.create, {
      partner_code: {
        code_partner: 'CFORGOODBDX',
        latitude: 44.8378,
        longitude: -0.5792,
        radius_km: 20,
        trial_months: 1,
      },
    }),
    { 201: created },
  );
  partnerCodes.patch(
    'Update or deactivate a partner code',
    json(partnerCodeBody.patch, { partner_code: { active: false } }),
    json(resource(partnerCode), { data: partnerExample, version: 1 }),
  );
  route('post', '/v1/partner-codes/check', 'Whether a partner code is usable at this point: 200 if so, 404 if not', {
    security: API_KEY_SECURITY,
    request: { body: json(partnerCheckBody, { code_partner: 'CFORGOODBDX', lat: 44.8378, lng: -0.5792 }) },
    responses: {
      200: json(z.object({ data: z.object({ code_partner: z.string() }) }), { data: { code_partner: 'CFORGOODBDX' } }),
    },
  });
}
