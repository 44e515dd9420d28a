import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { IDEMPOTENCY_KEY, IF_MATCH, pathId, registry, type z } from '../openapi/registry.js';
import { PROGRAM_SECURITY } from '../openapi/security.js';

type Responses = RouteConfig['responses'];
type Request = NonNullable<RouteConfig['request']>;
type Body = NonNullable<Request['body']>;
type Response = Responses[number];
type Method = RouteConfig['method'];

/** What an operation may say beyond its summary; `security` defaults to the resource's. */
export interface OperationOptions {
  readonly security?: RouteConfig['security'];
  readonly description?: string;
}

export interface ResourceDocument {
  /** The collection's path, e.g. `/v1/campaigns`; one item is at `<path>/{id}`. */
  readonly path: string;
  readonly tags: string[];
  /** The example of the `{id}` path parameter. */
  readonly id: string;
  /** Defaults to the program schemes. */
  readonly security?: RouteConfig['security'];
  /** The creating POST takes an `Idempotency-Key` header (true unless said otherwise). */
  readonly idempotentCreate?: boolean;
}

/**
 * Registers the operations of one resource in the OpenAPI registry, the usual request of each filled in: a list's
 * query, a creation's Idempotency-Key and body, an item's `{id}`, a change's If-Match. Each call registers one
 * operation, in the order called (the document lists them in that order).
 */
export function documentResource(resource: ResourceDocument) {
  const idParam = pathId(resource.id);
  const item = `${resource.path}/{id}`;
  const register = (
    method: Method,
    path: string,
    summary: string,
    request: Request,
    responses: Responses,
    options: OperationOptions = {},
  ) =>
    registry.registerPath({
      method,
      path,
      tags: resource.tags,
      summary,
      ...(options.description === undefined ? {} : { description: options.description }),
      security: options.security ?? resource.security ?? PROGRAM_SECURITY,
      request,
      responses,
    });
  const createHeaders = resource.idempotentCreate === false ? {} : { headers: IDEMPOTENCY_KEY };

  return {
    idParam,
    list: (summary: string, query: z.ZodObject, ok: Response, options?: OperationOptions) =>
      register('get', resource.path, summary, { query }, { 200: ok }, options),
    create: (summary: string, body: Body, responses: Responses, options?: OperationOptions) =>
      register('post', resource.path, summary, { ...createHeaders, body }, responses, options),
    get: (summary: string, ok: Response, options?: OperationOptions) =>
      register('get', item, summary, { params: idParam }, { 200: ok }, options),
    patch: (summary: string, body: Body, ok: Response, options?: OperationOptions) =>
      register('patch', item, summary, { params: idParam, headers: IF_MATCH, body }, { 200: ok }, options),
    remove: (summary: string, responses: Responses, options?: OperationOptions) =>
      register('delete', item, summary, { params: idParam, headers: IF_MATCH }, responses, options),
    /** An operation on one item at `<path>/{id}<suffix>`, e.g. `/archive`; `request.params` replaces `{id}` alone. */
    action: (
      method: Method,
      suffix: string,
      summary: string,
      request: Request,
      responses: Responses,
      options?: OperationOptions,
    ) => register(method, `${item}${suffix}`, summary, { params: idParam, ...request }, responses, options),
  };
}
