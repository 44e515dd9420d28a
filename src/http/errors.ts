import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { StaleVersionError } from '../commands/shared/command.js';
import { DomainError, NamedError, type ErrorDetail } from '../domain/shared/errors.js';
import { WrongExpectedRevisionError } from '../platform/eventstore/types.js';
import { isDatabaseUnreachable } from '../platform/db.js';
import type { Logger } from '../platform/logger.js';
import { isRedisUnavailable } from '../platform/redis.js';

/** The contract's error names with their statuses. */
export const ERROR_STATUS = {
  bad_request: 400,
  sorting_limit_exceeded: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  conflict_uniqueness: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_request: 422,
  operation_refused: 422,
  invalid_token: 422,
  invalid_user: 422,
  user_mismatch: 422,
  authentication_system_not_supported: 422,
  too_many_requests: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;
export type ErrorName = keyof typeof ERROR_STATUS;

export class HttpError extends NamedError<ErrorName> {
  override readonly name = 'HttpError';
  constructor(
    errorName: ErrorName,
    message: string,
    details: readonly ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(errorName, message, details);
  }
  get status(): number {
    return ERROR_STATUS[this.errorName];
  }
}

function fromZod(error: ZodError): HttpError {
  const details = error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  return new HttpError('invalid_request', 'the request has invalid fields', details);
}

/** Seconds a client is asked to wait before sending again while a dependency is down. */
export const RETRY_AFTER_UNAVAILABLE_S = 2;

/** A dependency (PostgreSQL, Redis) cannot be reached: nothing is wrong with the request, send it again shortly. */
export function unavailable(): HttpError {
  return new HttpError(
    'service_unavailable',
    'a service this request needs is unreachable for now; send it again shortly',
    [],
    {
      'Retry-After': String(RETRY_AFTER_UNAVAILABLE_S),
    },
  );
}

/** Turns anything thrown into the contract's envelope; the unknown is logged, never shown. */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof DomainError) return new HttpError(error.errorName, error.message, error.details);
  if (error instanceof ZodError) return fromZod(error);
  if (error instanceof StaleVersionError) {
    return new HttpError(
      'precondition_failed',
      `the resource is at version ${String(error.actual ?? 'none')}, not ${String(error.expected)}; reload it and try again`,
    );
  }
  if (error instanceof WrongExpectedRevisionError) {
    return new HttpError('conflict', 'the resource kept changing while this request was applied; send it again');
  }
  if (isDatabaseUnreachable(error) || isRedisUnavailable(error)) return unavailable();
  return fromBodyParser(error);
}

const BODY_PARSER_STATUS: Readonly<Record<number, ErrorName>> = {
  400: 'bad_request',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/**
 * body-parser's errors (http-errors with a `type`, or zlib's with a `Z_` code when a
 * body is not compressed as it says), and the router's URIError for a path it cannot decode.
 */
function fromBodyParser(error: unknown): HttpError | undefined {
  const { type, code, status, expose } = (error ?? {}) as {
    type?: unknown;
    code?: unknown;
    status?: unknown;
    expose?: unknown;
  };
  if (type === 'entity.parse.failed') return new HttpError('bad_request', 'the body is not valid JSON');
  if (type === 'entity.too.large') return new HttpError('payload_too_large', 'the body is larger than the limit');
  if (type === 'request.size.invalid' || type === 'request.aborted')
    return new HttpError('bad_request', 'the body was cut short');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new HttpError('unsupported_media_type', 'unsupported body encoding');
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new HttpError('bad_request', 'the body does not decompress as its Content-Encoding says');
  if (error instanceof URIError && status === 400)
    return new HttpError('bad_request', 'the path has a malformed percent-encoding');
  const name = expose === true && typeof status === 'number' ? BODY_PARSER_STATUS[status] : undefined;
  return name ? new HttpError(name, 'the body could not be read') : undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    // Once the head is out, express must abort the connection; a second envelope cannot be sent.
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = toHttpError(error);
    if (!known) logger.error({ err: error, requestId: res.getHeader('X-Request-Id') }, 'unhandled error');
    const answer =
      known ?? new HttpError('internal_error', 'something went wrong on our side; the request id identifies it');
    res.status(answer.status).set(answer.headers).json({
      error_name: answer.errorName,
      error_message: answer.message,
      details: answer.details,
    });
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new HttpError('not_found', `no route ${req.method} ${req.path}`);
};
