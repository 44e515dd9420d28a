/**
 * The error statuses every operation can answer, generated from what the operation is: its auth scheme, its method,
 * whether it takes a body, a path id, If-Match or a query. No route lists them by hand; a route documents only an
 * answer of its own (a 409 on a GET, say) and this fills in the rest, for the routes of every context alike.
 */

const ERROR_REF = { $ref: '#/components/schemas/Error' };

export const ERROR_DESCRIPTIONS: Readonly<Record<string, string>> = {
  400: 'bad_request: the body is not valid JSON, is cut short, or a header or the path is malformed',
  401: 'unauthorized: credentials missing or wrong',
  403: 'forbidden: these credentials may not use this route',
  404: "not_found: no such resource for this program (another program's things are not found either)",
  406: 'not_acceptable: the Accept header admits no media type this route serves',
  409: 'conflict (an Idempotency-Key reused with another body, or a concurrent change) or conflict_uniqueness',
  412: 'precondition_failed: If-Match names an older version',
  413: 'payload_too_large: the body is over 1 MB',
  415: 'unsupported_media_type: the body is not sent as the Content-Type this route reads',
  422: 'invalid_request (one detail per field) or operation_refused',
  429: 'too_many_requests: the credential is over its rate limit; send again after Retry-After seconds',
  default: 'any other error, in the same envelope',
};

interface Parameter {
  readonly in?: string;
  readonly name?: string;
}
interface Operation {
  readonly security?: ReadonlyArray<Record<string, unknown>>;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: unknown;
  responses?: Record<string, unknown>;
}

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** The statuses an operation can answer besides its own, from its shape. */
export function generalStatuses(path: string, method: string, operation: Operation): string[] {
  const parameters = operation.parameters ?? [];
  const has = (where: string, name?: string) =>
    parameters.some((p) => p.in === where && (name === undefined || p.name?.toLowerCase() === name));
  const statuses = ['400', '406'];
  if ((operation.security ?? []).some((requirement) => Object.keys(requirement).length > 0))
    statuses.push('401', '403');
  if (has('path') || operation.requestBody !== undefined) statuses.push('404');
  if (WRITES.has(method)) statuses.push('409');
  if (has('header', 'if-match')) statuses.push('412');
  if (operation.requestBody !== undefined) statuses.push('413', '415');
  if (operation.requestBody !== undefined || has('query') || WRITES.has(method)) statuses.push('422');
  // The rate limit is mounted on /v1: every credential (or address, without one) has its budget there.
  if (path.startsWith('/v1/')) statuses.push('429');
  return [...statuses, 'default'];
}

function errorResponse(status: string) {
  const response: Record<string, unknown> = {
    description: ERROR_DESCRIPTIONS[status] ?? 'error',
    content: { 'application/json': { schema: ERROR_REF } },
  };
  if (status === '429')
    response.headers = {
      'Retry-After': { description: 'seconds to wait before sending again', schema: { type: 'integer', minimum: 0 } },
    };
  return response;
}

/** Adds to every operation of the document the general statuses it does not document itself, with the envelope. */
export function withGeneralStatuses<T extends { paths?: object }>(document: T): T {
  for (const [path, item] of Object.entries(document.paths ?? {}) as Array<[string, Record<string, Operation>]>) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = (operation.responses ??= {});
      for (const status of generalStatuses(path, method, operation))
        if (!(status in responses)) responses[status] = errorResponse(status);
    }
  }
  return document;
}
