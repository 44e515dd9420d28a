import {
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  listJson,
  PROGRAM_SECURITY,
  registry,
  resource,
  SECURITY,
  z,
} from '../../openapi/registry.js';
import { PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { created, ID, idParam, route } from '../openapi-paths.js';
import { businessCategoryBody } from './schemas.js';

const categoryExample = {
  id: ID,
  name: 'Mobilité',
  color: '#867486',
  marker_symbol: 'marker-mobilite',
  picture: 'business_categories/mobilite',
  active: true,
};
/** Documents the business categories' paths in the registry. */
export function documentBusinessCategories(): void {
  const category = registry.register(
    'BusinessCategory',
    z.object({
      id: uuid,
      name: z.string(),
      color: z.string().nullable(),
      marker_symbol: z.string().nullable(),
      picture: z.string().nullable(),
      active: z.boolean(),
    }),
  );

  route('get', '/v1/business-categories', 'The program’s business categories', {
    security: [SECURITY.apiKey, ...PROGRAM_SECURITY],
    request: { query: PAGE_QUERY },
    responses: {
      200: listJson(category, categoryExample),
    },
  });
  route('post', '/v1/business-categories', 'Create a business category', {
    security: PROGRAM_SECURITY,
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(businessCategoryBody.create, {
        business_category: { name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite' },
      }),
    },
    responses: { 201: created },
  });
  route('patch', '/v1/business-categories/{id}', 'Update or deactivate (`active: false`) a business category', {
    security: PROGRAM_SECURITY,
    request: {
      params: idParam,
      headers: IF_MATCH,
      body: json(businessCategoryBody.patch, { business_category: { color: '#36d3da' } }),
    },
    responses: {
      200: json(resource(category), { data: categoryExample, version: 1 }),
    },
  });
}
