import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ERROR_DESCRIPTIONS, withGeneralStatuses } from './statuses.js';

// Once, before any schema asks for `.openapi(…)`: schema files import `z` from here.
extendZodWithOpenApi(z);
export { z };

/** Every documented route and schema of the API; each context's openapi.ts adds its own. */
export const registry = new OpenAPIRegistry();

type Requirement = Record<string, string[]>;
const requirement = (...schemes: string[]): Requirement => Object.fromEntries(schemes.map((s) => [s, []]));

export const SECURITY = {
  keySecret: requirement('apiKey', 'apiSecret'),
  basic: requirement('basic'),
  programBearer: requirement('programBearer'),
  signed: requirement('apiKey', 'signature', 'expiresAt'),
  apiKey: requirement('apiKey'),
  memberToken: requirement('apiKey', 'userEmail', 'userToken'),
  memberBearer: requirement('memberBearer'),
  admin: requirement('admin'),
};

export const PROGRAM_SECURITY: Requirement[] = [
  SECURITY.keySecret,
  SECURITY.basic,
  SECURITY.programBearer,
  SECURITY.signed,
];

/** The operations apps call with the Api-Key alone, and the program with any of its schemes. */
export const API_KEY_SECURITY: Requirement[] = [SECURITY.apiKey, ...PROGRAM_SECURITY];

/** A credential sent in a header of its own. */
const header = (name: string, description?: string) =>
  ({ type: 'apiKey', in: 'header', name, ...(description === undefined ? {} : { description }) }) as const;
const bearer = (description: string, bearerFormat?: string) =>
  ({ type: 'http', scheme: 'bearer', ...(bearerFormat === undefined ? {} : { bearerFormat }), description }) as const;

const SECURITY_SCHEMES = {
  apiKey: header('Api-Key', 'Identifies the program; not a secret.'),
  apiSecret: header('Api-Secret', "The program's secret, shown once at creation."),
  basic: { type: 'http', scheme: 'basic', description: 'base64(api_secret:) with an empty password.' },
  programBearer: bearer('From POST /v1/oauth/token.', 'JWT'),
  memberBearer: bearer('The access_token of POST /v1/sessions.', 'JWT'),
  admin: bearer('The ADMIN_TOKEN of the configuration.'),
  userEmail: header('X-User-Email'),
  userToken: header('X-User-Token', 'The authentication_token of POST /v1/sessions.'),
  signature: header(
    'Signature',
    'base64 RSA-SHA256 over `Expires-at|METHOD|full_url|body|` with the key registered at PUT /v1/program/signing-key.',
  ),
  expiresAt: header('Expires-at', 'UNIX seconds, at most one hour ahead.'),
} as const;
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
