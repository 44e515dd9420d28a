import { json, listJson, PROGRAM_SECURITY, registry, resource, SECURITY, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { created, ID, tags } from '../openapi-paths.js';
import { causeCategoryBody } from './schemas.js';

const categoryExample = { id: ID, name: 'Culturel', color: '#8e513a', picture: null, active: true };
/** Documents the cause categories' paths in the registry. */
export function documentCauseCategories(): void {
  const category = registry.register(
    'CauseCategory',
    z.object({
      id: uuid,
      name: z.string(),
      color: z.string().nullable(),
      picture: z.string().nullable(),
      active: z.boolean(),
    }),
  );

  const categories = documentResource({ path: '/v1/cause-categories', tags, id: ID });
  categories.list('The program’s cause categories', PAGE_QUERY, listJson(category, categoryExample), {
    security: [SECURITY.apiKey, ...PROGRAM_SECURITY],
  });
  categories.create(
    'Create a cause category',
    json(causeCategoryBody.create, { cause_category: { name: 'Culturel', color: '#8e513a' } }),
    { 201: created },
  );
  categories.patch(
    'Update or deactivate a cause category',
    json(causeCategoryBody.patch, { cause_category: { color: '#ff9e00' } }),
    json(resource(category), { data: categoryExample, version: 1 }),
  );
}
