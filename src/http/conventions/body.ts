import type { IncomingMessage } from 'node:http';
import express, { type Request, type RequestHandler } from 'express';
import { HttpError } from '../errors.js';

/** The contract's body limit. */
export const BODY_LIMIT = '1mb';

const RAW_BODY = Symbol('goodstream.rawBody');
type WithRawBody = IncomingMessage & { [RAW_BODY]?: Buffer };

/** The bytes of a parsed JSON body, as they arrived (for fingerprints and signatures). */
export function rawBody(req: Request): Buffer | undefined {
  return (req as WithRawBody)[RAW_BODY];
}

/** Whether the request carries a body, as type-is decides it. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Routes that take a body other than JSON (parsed by the route itself), with its media types. */
export interface OtherBodyTypes {
  readonly path: string | RegExp;
  readonly types: readonly string[];
}

const onPath = (path: string | RegExp, reqPath: string): boolean => (typeof path === 'string' ? path === reqPath : path.test(reqPath));

/** 415 `unsupported_media_type` for a body that is not declared as JSON (or as a type the route lists). */
export function requireJsonContentType(others: readonly OtherBodyTypes[] = []): RequestHandler {
  return (req, _res, next) => {
    if (hasBody(req)) {
      const accepted = [...JSON_TYPES, ...others.filter((o) => onPath(o.path, req.path)).flatMap((o) => o.types)];
      if (!req.is(accepted)) {
        const given = req.get('Content-Type');
        throw new HttpError('unsupported_media_type', given ? `a body of type ${given} is not accepted; send application/json` : 'a body needs Content-Type: application/json');
      }
    }
    next();
  };
}

export interface JsonBodyOptions {
  readonly limit?: string | number;
  readonly others?: readonly OtherBodyTypes[];
}

/**
 * The JSON body pipeline: 415 for another Content-Type, 413 `payload_too_large`
 * over the limit, 400 `bad_request` for bytes that are not JSON (the last two
 * through errorHandler). The raw bytes stay readable with `rawBody(req)`.
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler[] {
  return [
    requireJsonContentType(options.others),
    express.json({
      limit: options.limit ?? BODY_LIMIT,
      type: JSON_TYPES,
      verify: (req, _res, buf) => {
        (req as WithRawBody)[RAW_BODY] = buf;
      },
    }),
    refuseNul,
  ];
}

/** The path of the first string (or key) holding U+0000, if any. */
export function findNul(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = key.includes('\u0000') ? [...path, key].join('.') : findNul(inner, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a body or query string with
 * one is refused here, with the field named, instead of failing deep inside.
 */
export const refuseNul: RequestHandler = (req, _res, next) => {
  const field = findNul(req.body, []) ?? findNul(req.query, ['query']);
  if (field !== undefined) {
    throw new HttpError('invalid_request', 'text may not contain the NUL character (U+0000)', [{ field, message: 'contains U+0000' }]);
  }
  next();
};
