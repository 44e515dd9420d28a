import { json, listJson, PROGRAM_SECURITY, registry, resource, SECURITY, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { created, ID, tags } from '../openapi-paths.js';
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

  const categories = documentResource({ path: '/v1/business-categories', tags, id: ID });
  categories.list('The program’s business categories', PAGE_QUERY, listJson(category, categoryExample), {
    security: [SECURITY.apiKey, ...PROGRAM_SECURITY],
  });
  categories.create(
    'Create a business category',
    json(businessCategoryBody.create, {
      business_category: { name: 'Mobilité', color: '#867486', marker_symbol: 'marker-mobilite' },
    }),
    { 201: created },
  );
  categories.patch(
    'Update or deactivate (`active: false`) a business category',
    json(businessCategoryBody.patch, { business_category: { color: '#36d3da' } }),
    json(resource(category), { data: categoryExample, version: 1 }),
  );
}
