import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { SECURITY_SCHEMES } from './security.js';
import { ERROR_DESCRIPTIONS, withGeneralStatuses } from './statuses.js';

// Once, before any schema asks for `.openapi(…)`: schema files import `z` from here.
extendZodWithOpenApi(z);
export { z };

/** Every documented route and schema of the API; each context's openapi.ts adds its own. */
export const registry = new OpenAPIRegistry();
for (const [name, scheme] of Object.entries(SECURITY_SCHEMES))
  registry.registerComponent('securitySchemes', name, scheme);

export const errorSchema = registry.register(
  'Error',
  z
    .object({
      error_name: z.string().openapi({ example: 'invalid_request' }),
      error_message: z.string().openapi({ example: 'the request has invalid fields' }),
      details: z
        .array(z.object({ field: z.string().optional(), message: z.string(), code: z.string().optional() }))
        .openapi({ example: [{ field: 'user.email', message: 'an email address with @' }] }),
    })
    .openapi({ description: 'Every error answers this envelope, named as the contract names it.' }),
);

export function errorResponses(...statuses: number[]): RouteConfig['responses'] {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status] ?? 'error', content: { 'application/json': { schema: errorSchema } } },
    ]),
  );
}

/** Registers a context's routes under its tags, which the document lists first in each of them. */
export const taggedPaths =
  (tags: string[]) =>
  (route: Omit<RouteConfig, 'tags'>): void =>
    registry.registerPath({ tags, ...route });

/** A JSON body with its example; a response also needs the description OpenAPI requires. */
export function json<T>(schema: z.ZodType, example: T, description = 'OK') {
  return { description, content: { 'application/json': { schema, example } } };
}

/** `{"data": …, "version": n}` around a resource schema. */
export function resource<T extends z.ZodType>(data: T, example?: unknown) {
  return z
    .object({ data, version: z.number().int().openapi({ example: 3 }) })
    .openapi(example === undefined ? {} : { example: { data: example, version: 3 } });
}

/** A path's `:id`, a uuid, with an example. */
export const pathId = (example: string) => z.object({ id: z.string().uuid().openapi({ example }) });

/** The version the client last saw; a stale one answers 412. */
export const IF_MATCH = z.object({ 'If-Match': z.string().optional().openapi({ example: '"3"' }) });

/** Makes a creating POST safe to retry: the same key and body answer as the first time. */
export const IDEMPOTENCY_KEY = z.object({ 'Idempotency-Key': z.string().max(255).optional() });

export const PAGING = z.object({
  page: z.number().int().min(1),
  per_page: z.number().int().min(1).max(100),
  total: z.number().int().min(0),
});

/** `{"data": [...], "paging": {...}}` around an item schema. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), paging: PAGING });

/** A list's 200 answer, with one item for example. */
export const listJson = <T extends z.ZodType>(item: T, example: unknown) =>
  json(listOf(item), { data: [example], paging: { page: 1, per_page: 20, total: 1 } });

/**
 * Any operation may meet PostgreSQL or Redis down: one shared answer, added to every operation that names none of its
 * own.
 */
registry.registerComponent('responses', 'ServiceUnavailable', {
  description:
    'service_unavailable: a service the request needs (PostgreSQL, Redis) cannot be reached for now; send it again after Retry-After seconds',
  headers: {
    'Retry-After': { description: 'seconds to wait before sending again', schema: { type: 'integer', example: 2 } },
  },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const SERVICE_UNAVAILABLE = { $ref: '#/components/responses/ServiceUnavailable' };

function withServiceUnavailable<T extends { paths?: object }>(document: T): T {
  for (const item of Object.values(document.paths ?? {}) as object[]) {
    for (const operation of Object.values(item) as unknown[]) {
      const responses = (operation as { responses?: Record<string, unknown> } | undefined)?.responses;
      if (responses && !('503' in responses)) responses['503'] = SERVICE_UNAVAILABLE;
    }
  }
  return document;
}

export function generateDocument(servers: Array<{ url: string }> = []) {
  return withServiceUnavailable(
    withGeneralStatuses(
      new OpenApiGeneratorV31(registry.definitions).generateDocument({
        openapi: '3.1.0',
        info: {
          title: 'goodstream API',
          version: '1',
          description:
            'Cause-driven loyalty and giving. JSON in and out; money as strings with two decimals; errors as {error_name, error_message, details}.',
        },
        servers,
      }),
    ),
  );
}
