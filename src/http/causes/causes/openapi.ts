import { json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { nullableText, PAGE_QUERY, texts, uuid } from '../../openapi/wire.js';
import { created, ID, memberOrKey, tags } from '../openapi-paths.js';
import { causeBody } from './schemas.js';

const summaryExample = {
  id: ID,
  name: 'Keep A Breast Europe',
  impact: '25€ permettent de financer un atelier éducatif',
  cause_category: 'Culturel',
  picture: null,
  like: 0,
  city: 'Bordeaux',
  latitude: 44.8412,
  longitude: -0.5801,
  distance_km: 0.385,
};
/** Documents the causes' paths in the registry. */
export function documentCauses(): void {
  const summary = registry.register(
    'CauseSummary',
    z.object({
      id: uuid,
      name: z.string(),
      impact: nullableText,
      cause_category: nullableText,
      picture: nullableText,
      like: z.number().int(),
      city: nullableText,
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      distance_km: z.number().nullable().openapi({ description: 'null without coordinates (listed last)' }),
    }),
  );
  const causeExample = {
    ...summaryExample,
    distance_km: undefined,
    cause_category_id: ID,
    logo: null,
    description: 'Créée en 2008, Keep A Breast Foundation Europe…',
    link_video: null,
    facebook: 'KeepABreastFrance',
    twitter: 'keepabreastEU',
    instagram: 'keepabreasteu',
    phone: null,
    email: null,
    url: null,
    street: '15, rue Francis Garnier',
    zipcode: '33000',
    civility: 1,
    representative_first_name: 'Keep',
    representative_last_name: 'Breast',
    representative_testimonial: null,
    active: true,
    user_cause: false,
  };
  const cause = registry.register(
    'Cause',
    z.object({
      id: uuid,
      name: z.string(),
      impact: nullableText,
      cause_category_id: uuid.nullable(),
      cause_category: nullableText,
      picture: nullableText,
      logo: nullableText,
      like: z.number().int(),
      ...texts('description', 'link_video', 'facebook', 'twitter', 'instagram', 'phone', 'email', 'url'),
      ...texts('street', 'zipcode', 'city'),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      civility: z.union([z.literal(1), z.literal(2)]).nullable(),
      ...texts('representative_first_name', 'representative_last_name', 'representative_testimonial'),
      active: z.boolean(),
      user_cause: z.boolean().openapi({ description: 'the calling member gives to this cause' }),
    }),
  );

  const causes = documentResource({ path: '/v1/causes', tags, id: ID, security: memberOrKey });
  causes.list(
    'Active causes, nearest first when lat and lng are given (causes without coordinates last)',
    z
      .object({
        lat: z.number().min(-90).max(90).optional().openapi({ example: 44.8378 }),
        lng: z.number().min(-180).max(180).optional().openapi({ example: -0.5792 }),
      })
      .extend(PAGE_QUERY.shape),
    listJson(summary, summaryExample),
  );
  causes.create(
    'Create a cause: from the program it is active at once; from a member or an app it is a proposal, listed once the program activates it',
    json(causeBody.create, {
      cause: {
        name: 'Keep A Breast Europe',
        civility: 1,
        representative_first_name: 'Keep',
        city: 'Bordeaux',
        latitude: 44.8412,
        longitude: -0.5801,
      },
    }),
    { 201: created },
  );
  causes.get(
    'One cause; user_cause tells whether the calling member gives to it',
    json(resource(cause), { data: causeExample, version: 0 }),
  );
  causes.patch(
    'Update, activate (a proposal) or deactivate a cause',
    json(causeBody.patch, { cause: { active: true } }),
    json(resource(cause), { data: causeExample, version: 1 }),
    { security: PROGRAM_SECURITY },
  );
}
