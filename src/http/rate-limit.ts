import type { Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '../platform/logger.js';
import { HttpError } from './errors.js';

export interface RateLimitOptions {
  readonly redis: Redis;
  /** Requests allowed per window and credential. */
  readonly limit: number;
  readonly windowMs: number;
  /** Redis key prefix; tests give each limiter its own. */
  readonly prefix?: string;
  readonly logger?: Logger;
}

export const DEFAULT_RATE_LIMIT = { limit: 1200, windowMs: 60_000 } as const;

/** The credential (set by authentication as `res.locals.rateLimitKey`), else the client address. */
export function rateLimitIdentity(req: Request, res: Response): string {
  const key: unknown = res.locals.rateLimitKey;
  return typeof key === 'string' && key !== '' ? key : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

// INCR, and PEXPIRE on the first hit of a window: one round trip, one command.
const COUNT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

type Counting = Redis & { gsRateLimitCount(key: string, ttlMs: number): Promise<number> };

function counting(redis: Redis): Counting {
  // defineCommand sends EVALSHA, and the script body only when Redis has not cached it.
  if (!('gsRateLimitCount' in redis)) redis.defineCommand('gsRateLimitCount', { numberOfKeys: 1, lua: COUNT_SCRIPT });
  return redis as Counting;
}

/**
 * A fixed-window limit per credential in Redis (INCR and PEXPIRE in one script).
 * Every answer carries `RateLimit-Limit`, `-Remaining`, `-Reset` and `-Policy`;
 * over the limit it is 429 `too_many_requests` with `Retry-After` in seconds.
 * Should Redis fail, the request passes: the limit protects, it does not gate.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { limit, windowMs, prefix = 'gs:ratelimit', logger } = options;
  const redis = counting(options.redis);
  return async (req, res, next) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    let used: number;
    try {
      used = Number(await redis.gsRateLimitCount(`${prefix}:${rateLimitIdentity(req, res)}:${window}`, windowMs + 1000));
    } catch (error) {
      logger?.warn({ err: (error as Error).message }, 'rate limit unavailable; request let through');
      next();
      return;
    }
    res.set({
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - used)),
      'RateLimit-Reset': String(resetSeconds),
      'RateLimit-Policy': `${limit};w=${Math.ceil(windowMs / 1000)}`,
    });
    if (used > limit) {
      throw new HttpError('too_many_requests', `more than ${limit} requests in ${Math.ceil(windowMs / 1000)} s; retry after ${resetSeconds} s`, [], {
        'Retry-After': String(resetSeconds),
      });
    }
    next();
  };
}
