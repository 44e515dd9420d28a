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
import { created, ID, idParam, tags } from '../openapi-paths.js';
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

  registry.registerPath({
    method: 'get',
    path: '/v1/cause-categories',
    tags,
    summary: 'The program’s cause categories',
    security: [SECURITY.apiKey, ...PROGRAM_SECURITY],
    request: { query: PAGE_QUERY },
    responses: {
      200: listJson(category, categoryExample),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/cause-categories',
    tags,
    summary: 'Create a cause category',
    security: PROGRAM_SECURITY,
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(causeCategoryBody.create, { cause_category: { name: 'Culturel', color: '#8e513a' } }),
    },
    responses: { 201: created },
  });
  registry.registerPath({
    method: 'patch',
    path: '/v1/cause-categories/{id}',
    tags,
    summary: 'Update or deactivate a cause category',
    security: PROGRAM_SECURITY,
    request: {
      params: idParam,
      headers: IF_MATCH,
      body: json(causeCategoryBody.patch, { cause_category: { color: '#ff9e00' } }),
    },
    responses: {
      200: json(resource(category), { data: categoryExample, version: 1 }),
    },
  });
}
