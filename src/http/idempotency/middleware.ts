import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { Logger } from '../../platform/logger.js';
import { actorOf } from '../auth/command-context.js';
import { rawBody } from '../conventions/body.js';
import { HttpError } from '../errors.js';
import { releaseSoon } from './release.js';
import { heartbeat } from './heartbeat.js';
import { IdempotencyStore, RETENTION_MS, type StoredAnswer } from './store.js';

export const MAX_KEY_LENGTH = 255;
/** The response headers a replay repeats. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'last-modified', 'content-language'];
const PURGE_EVERY_MS = 10 * 60_000;
/** How long a key stays locked without a heartbeat: a crashed holder's key is free again after this. */
export const LOCK_MS = 10_000;
const HEARTBEAT_MS = 3_000;
/** A request still running after this stops holding its key (a hung handler must not hold it for a day). */
const MAX_HOLD_MS = 120_000;

export interface IdempotencyOptions {
  readonly knex: Knex;
  readonly logger?: Logger;
  /** How long a key stays locked past the holder's last heartbeat before another request may take it over. */
  readonly lockMs?: number;
  readonly heartbeatMs?: number;
  readonly retentionMs?: number;
}

/** Answers the client can correct and send again with the same key: nothing is kept. */
export function releasesKey(status: number): boolean {
  return (
    status === 400 ||
    status === 401 ||
    status === 403 ||
    status === 409 ||
    status === 412 ||
    status === 422 ||
    status === 429 ||
    status >= 500
  );
}

/** SHA-256 of method, path (with query) and body bytes. */
export function fingerprintOf(req: Request): string {
  const body = rawBody(req) ?? Buffer.from(req.body === undefined ? '' : JSON.stringify(req.body));
  return createHash('sha256').update(`${req.method} ${req.originalUrl}\n`).update(body).digest('hex');
}

function keptHeaders(res: Response): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = res.getHeader(name);
    if (value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return kept;
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (chunk === undefined || chunk === null || typeof chunk === 'function') return undefined;
  if (typeof chunk === 'string')
    return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return undefined;
}

/** Holds the response back at `end` until `settle` has stored (or released) the answer. */
function interceptEnd(res: Response, settle: (answer: StoredAnswer) => Promise<void>): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(buffer);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as Response['write'];
  res.end = ((...args: unknown[]) => {
    const buffer = toBuffer(args[0], args[1]);
    if (buffer) chunks.push(buffer);
    res.end = end;
    res.write = write;
    void settle({ status: res.statusCode, headers: keptHeaders(res), body: Buffer.concat(chunks) }).finally(() =>
      (end as (...a: unknown[]) => Response)(...args),
    );
    return res;
  }) as Response['end'];
}

/**
 * Keys are private to their caller: the program and who acts for it (a member, the program, an app with the bare
 * Api-Key).
 */
function scopeOf(res: Response): string {
  return typeof res.locals.programId === 'string' ? `${res.locals.programId}:${actorOf(res)}` : 'anonymous';
}

/**
 * Where the ids of what the request creates come from: the same request (caller, key, body) always derives the same
 * seed.
 */
function seedOf(scope: string, key: string, fingerprint: string): string {
  return createHash('sha256').update(`${scope}\n${key}\n${fingerprint}`).digest('hex');
}

function replay(res: Response, answer: StoredAnswer): void {
  res.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  res.end(answer.body);
}

/**
 * `Idempotency-Key` for creating POSTs, as Stripe has it. The key (1..255
 * characters) is scoped to the program and the actor (else 'anonymous'), so
 * mount it after authentication. The first request's answer is stored and
 * replayed for the same key and body with `Idempotent-Replayed: true`; another
 * body, or the same key while the first still runs, is 409 `conflict`; answers
 * the client can correct (400, 422, …, 5xx, see `releasesKey`) store nothing.
 *
 * The request gets `res.locals.idempotencySeed`, from which its commands derive
 * the ids they create and append, so a retry after a crash, a 500 or a lost
 * answer finds the first attempt's work instead of doing it twice. Never mount
 * it on a route whose answer carries credentials (tokens, secrets): the answer
 * would be kept and shown again to whoever sends the key.
 */
export function idempotency(options: IdempotencyOptions): RequestHandler {
  const store = new IdempotencyStore(options.knex, options.retentionMs ?? RETENTION_MS);
  const lockMs = options.lockMs ?? LOCK_MS;
  const beat = {
    lockMs,
    everyMs: options.heartbeatMs ?? HEARTBEAT_MS,
    maxHoldMs: MAX_HOLD_MS,
    onError: (error: unknown) => options.logger?.warn({ err: error }, 'idempotency: extending a lock failed'),
  };
  let lastPurge = 0;
  const fail = (what: string) => (error: unknown) =>
    options.logger?.error({ err: error }, `idempotency: ${what} failed`);

  return async (req, res, next) => {
    const key = req.get('Idempotency-Key');
    if (req.method !== 'POST' || key === undefined) {
      next();
      return;
    }
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new HttpError('bad_request', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`, [
        { field: 'Idempotency-Key', message: `${key.length} characters` },
      ]);
    }
    if (Date.now() - lastPurge > PURGE_EVERY_MS) {
      lastPurge = Date.now();
      store.purgeExpired().catch(fail('purging expired keys'));
    }
    const scope = scopeOf(res);
    const fingerprint = fingerprintOf(req);
    const claim = await store.claim(scope, key, fingerprint, lockMs);
    if (claim.kind === 'acquired') {
      const stop = heartbeat(store, scope, key, claim.token, beat);
      // Released or not, a failed request's key is free once its lock lapses: a retry derives the same ids and finds
      // what was done.
      interceptEnd(res, (answer) => {
        stop();
        if (releasesKey(answer.status))
          return releaseSoon(() => store.release(scope, key, claim.token), lockMs, fail('releasing the key'));
        return store.complete(scope, key, claim.token, answer).catch(fail('storing the answer'));
      });
      res.locals.idempotencySeed = seedOf(scope, key, fingerprint);
      next();
      return;
    }
    if (claim.fingerprint !== fingerprint) {
      throw new HttpError(
        'conflict',
        'this Idempotency-Key was used with another request; use a new key for a new request',
      );
    }
    if (claim.kind === 'in_progress') {
      throw new HttpError('conflict', 'a request with this Idempotency-Key is still being processed; retry later', [], {
        'Retry-After': '1',
      });
    }
    replay(res, claim.answer);
  };
}
