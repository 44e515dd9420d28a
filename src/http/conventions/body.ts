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
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
  );
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Routes that take a body other than JSON (parsed by the route itself), with its media types. */
export interface OtherBodyTypes {
  readonly path: string | RegExp;
  readonly types: readonly string[];
}

const onPath = (path: string | RegExp, reqPath: string): boolean =>
  typeof path === 'string' ? path === reqPath : path.test(reqPath);

/** 415 `unsupported_media_type` for a body that is not declared as JSON (or as a type the route lists). */
export function requireJsonContentType(others: readonly OtherBodyTypes[] = []): RequestHandler {
  return (req, _res, next) => {
    if (hasBody(req)) {
      const accepted = [...JSON_TYPES, ...others.filter((o) => onPath(o.path, req.path)).flatMap((o) => o.types)];
      if (!req.is(accepted)) {
        const given = req.get('Content-Type');
        throw new HttpError(
          'unsupported_media_type',
          given
            ? `a body of type ${given} is not accepted; send application/json`
            : 'a body needs Content-Type: application/json',
        );
      }
    }
    next();
  };
}

/**
 * The Content-Encodings express.json inflates that we accept: brotli and zstd cost more to inflate than a JSON body is
 * worth.
 */
const DECODED_ENCODINGS = ['identity', 'gzip', 'deflate'];

/**
 * 415 `unsupported_media_type` for a body compressed in a way we do not decode (a lying gzip is 400, through
 * errorHandler).
 */
export const requireKnownEncoding: RequestHandler = (req, _res, next) => {
  const encoding = (req.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
  if (hasBody(req) && !DECODED_ENCODINGS.includes(encoding)) {
    throw new HttpError(
      'unsupported_media_type',
      `a body with Content-Encoding ${encoding} is not accepted; send it as is, gzip or deflate`,
    );
  }
  next();
};

export interface JsonBodyOptions {
  readonly limit?: string | number;
  readonly others?: readonly OtherBodyTypes[];
}

/**
 * The JSON body pipeline: 415 for another Content-Type or Content-Encoding, 413
 * `payload_too_large` over the limit, 400 `bad_request` for bytes that are not
 * JSON (the last two through errorHandler) or nest deeper than MAX_JSON_DEPTH,
 * 422 for text PostgreSQL cannot store. The raw bytes stay readable with `rawBody(req)`.
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler[] {
  return [
    requireJsonContentType(options.others),
    requireKnownEncoding,
    express.json({
      limit: options.limit ?? BODY_LIMIT,
      type: JSON_TYPES,
      verify: (req, _res, buf) => {
        (req as WithRawBody)[RAW_BODY] = buf;
      },
    }),
    refuseUnstorable,
  ];
}

/**
 * How deep a JSON body may nest: no request needs more, and every later walk over it stays far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

export type JsonProblem =
  { readonly problem: 'nul' | 'surrogate'; readonly field: string } | { readonly problem: 'depth' };

/**
 * What in a string keeps it out of PostgreSQL: U+0000 (text and jsonb refuse it), or a lone UTF-16 surrogate (jsonb
 * refuses its escape).
 */
function textProblem(text: string): 'nul' | 'surrogate' | undefined {
  if (text.includes('\u0000')) return 'nul';
  return text.isWellFormed() ? undefined : 'surrogate';
}

/** One value to look at, with the way back to the root (built into a path only when something is found). */
interface Visit {
  readonly value: unknown;
  readonly key?: string;
  readonly parent?: Visit;
  readonly depth: number;
  /** The visit stands for a key, looked at before its value. */
  readonly isKey?: boolean;
}

function pathOf(visit: Visit, root: readonly string[]): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return [...root, ...keys.reverse()].join('.') || '(body)';
}

/**
 * The first problem in document order: nesting deeper than `maxDepth`, or a
 * string or key PostgreSQL cannot store, with its path. Walks with an explicit
 * stack, so no body is deep enough to overflow it.
 */
export function inspectJson(
  value: unknown,
  root: readonly string[] = [],
  maxDepth = MAX_JSON_DEPTH,
): JsonProblem | undefined {
  const stack: Visit[] = [{ value, depth: 0 }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { problem, field: pathOf(visit.isKey ? (visit.parent ?? visit) : visit, root) };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (visit.depth >= maxDepth) return { problem: 'depth' };
    const entries = Object.entries(current as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, inner] = entries[i]!;
      const child: Visit = { value: inner, key, parent: visit, depth: visit.depth + 1 };
      stack.push(child);
      if (!Array.isArray(current)) stack.push({ value: key, parent: child, depth: child.depth, isKey: true });
    }
  }
  return undefined;
}

const PROBLEM_MESSAGES = { nul: 'contains U+0000', surrogate: 'contains a lone UTF-16 surrogate' } as const;

/**
 * Text PostgreSQL cannot store is refused here, with the field named, instead of
 * failing deep inside; nesting past MAX_JSON_DEPTH is refused before anything
 * else walks the body.
 */
export const refuseUnstorable: RequestHandler = (req, _res, next) => {
  const found = inspectJson(req.body) ?? inspectJson(req.query, ['query']);
  if (found?.problem === 'depth')
    throw new HttpError('bad_request', `the body nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (found !== undefined) {
    throw new HttpError('invalid_request', 'text may not contain U+0000 or a lone UTF-16 surrogate', [
      { field: found.field, message: PROBLEM_MESSAGES[found.problem] },
    ]);
  }
  next();
};
