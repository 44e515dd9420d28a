import type { Request } from 'express';
import { HttpError } from '../errors.js';

const VERSION = /^(?:W\/"(\d{1,18})"|"(\d{1,18})"|(\d{1,18}))$/;

/**
 * Reads `If-Match` as an expected version: `"7"`, `7` and `W/"7"` give 7n;
 * no header (or `*`) gives undefined; anything else is 400 `bad_request`.
 */
export function parseIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const match = VERSION.exec(value);
  const digits = match?.[1] ?? match?.[2] ?? match?.[3];
  if (digits === undefined) {
    throw new HttpError('bad_request', 'If-Match must be a resource version, such as "7"', [
      { field: 'If-Match', message: `cannot read "${value}"` },
    ]);
  }
  return BigInt(digits);
}

/** The expected version a request sends in `If-Match`, if any. */
export function expectedVersion(req: Request): bigint | undefined {
  return parseIfMatch(req.get('If-Match'));
}

/** 412 `precondition_failed` when the client's version is not the current one. */
export function assertPrecondition(expected: bigint | undefined, current: bigint | number): void {
  if (expected !== undefined && expected !== BigInt(current)) {
    throw new HttpError(
      'precondition_failed',
      `the resource is at version ${String(current)}, not ${String(expected)}; reload it and try again`,
    );
  }
}
