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

// INCRBY, and PEXPIRE on the first reservation of a window: one round trip, one command.
const RESERVE_SCRIPT = `local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

type Reserving = Redis & { gsRateLimitReserve(key: string, ttlMs: number, count: number): Promise<number> };

function reserving(redis: Redis): Reserving {
  // defineCommand sends EVALSHA, and the script body only when Redis has not cached it.
  if (!('gsRateLimitReserve' in redis))
    redis.defineCommand('gsRateLimitReserve', { numberOfKeys: 1, lua: RESERVE_SCRIPT });
  return redis as Reserving;
}

/** What this process holds of one identity's window. */
interface Lease {
  readonly window: number;
  /** Requests reserved in Redis and not yet served here. */
  left: number;
  /** The window's count in Redis after this process's last reservation. */
  reserved: number;
  /** The next reservation's size: 1 at first, doubling while the identity keeps using them up. */
  size: number;
  /** Redis had nothing left at the last reservation. */
  refused: boolean;
  pending?: Promise<void> | undefined;
}

/**
 * Reservations of requests from the shared count in Redis. A busy credential
 * reserves several at once and serves them here without a round trip; since
 * every reservation is counted in Redis before it is served, all processes
 * together never serve more than the limit. The cost is that a process may hold
 * a few unused ones at the end of a window (at most \`maxLease\` − 1), so a busy
 * credential can be refused up to 2% early.
 */
class Leases {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly redis: Reserving,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly prefix: string,
  ) {
    this.maxLease = Math.max(1, Math.min(1000, Math.floor(limit / 50)));
  }

  private readonly maxLease: number;

  /**
   * Takes one request of `identity`'s budget; answers the requests used so far, counting every process's reservations.
   */
  async take(identity: string, window: number): Promise<{ allowed: boolean; used: number }> {
    let lease = this.leases.get(identity);
    if (!lease || lease.window !== window) {
      if (this.leases.size >= 10_000) this.forgetBefore(window);
      lease = { window, left: 0, reserved: 0, size: 1, refused: false };
      this.leases.set(identity, lease);
    }
    while (lease.left === 0) {
      const current = lease;
      current.pending ??= this.reserve(identity, current).finally(() => (current.pending = undefined));
      await current.pending;
      if (current.left === 0 && current.refused) return { allowed: false, used: current.reserved };
    }
    lease.left -= 1;
    return { allowed: true, used: lease.reserved - lease.left };
  }

  private async reserve(identity: string, lease: Lease): Promise<void> {
    const count = lease.refused ? 1 : Math.min(lease.size, this.maxLease);
    const total = Number(
      await this.redis.gsRateLimitReserve(`${this.prefix}:${identity}:${lease.window}`, this.windowMs + 1000, count),
    );
    const granted = Math.max(0, Math.min(count, this.limit - (total - count)));
    lease.reserved = total;
    lease.left += granted;
    lease.refused = granted === 0;
    lease.size = count * 2;
  }

  private forgetBefore(window: number): void {
    for (const [identity, lease] of this.leases)
      if (lease.window < window && !lease.pending) this.leases.delete(identity);
  }
}

/**
 * A fixed-window limit per credential, counted in Redis (INCRBY and PEXPIRE in one
 * script) through the reservations above.
 * Every answer carries `RateLimit-Limit`, `-Remaining`, `-Reset` and `-Policy`;
 * over the limit it is 429 `too_many_requests` with `Retry-After` in seconds.
 * Should Redis fail, the request passes: the limit protects, it does not gate.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { limit, windowMs, prefix = 'gs:ratelimit', logger } = options;
  const leases = new Leases(reserving(options.redis), limit, windowMs, prefix);
  return async (req, res, next) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
    let taken: { allowed: boolean; used: number };
    try {
      taken = await leases.take(rateLimitIdentity(req, res), window);
    } catch (error) {
      logger?.warn({ err: (error as Error).message }, 'rate limit unavailable; request let through');
      next();
      return;
    }
    res.set({
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - taken.used)),
      'RateLimit-Reset': String(resetSeconds),
      'RateLimit-Policy': `${limit};w=${Math.ceil(windowMs / 1000)}`,
    });
    if (!taken.allowed) {
      throw new HttpError(
        'too_many_requests',
        `more than ${limit} requests in ${Math.ceil(windowMs / 1000)} s; retry after ${resetSeconds} s`,
        [],
        {
          'Retry-After': String(resetSeconds),
        },
      );
    }
    next();
  };
}

// ---------------------------------------------------------------- failed authentications

export const DEFAULT_AUTH_FAILURES = { limit: 20, windowMs: 60_000 } as const;

export interface AuthFailureOptions {
  /** Shared by every process; without it each process counts alone. */
  readonly redis?: Redis | undefined;
  readonly limit: number;
  readonly windowMs?: number;
  readonly prefix?: string;
  readonly now?: () => number;
}

/**
 * Failed authentications per client address, in a fixed window of their own, apart
 * from any credential's budget: a caller who only knows a public Api-Key spends
 * this, never the program's. Every failure is counted in Redis (failures are rare,
 * so one round trip each); an address found over the limit is remembered here
 * until its window ends, so its next requests are refused without asking Redis.
 */
export class AuthFailures {
  private readonly blockedUntil = new Map<string, number>();
  private readonly counts = new Map<string, number>();
  private readonly windowMs: number;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(private readonly options: AuthFailureOptions) {
    this.windowMs = options.windowMs ?? DEFAULT_AUTH_FAILURES.windowMs;
    this.prefix = options.prefix ?? 'gs:authfail';
    this.now = options.now ?? Date.now;
  }

  /** Seconds until `ip` may try again, when it is over the limit; undefined when it is not. */
  blocked(ip: string): number | undefined {
    const until = this.blockedUntil.get(ip);
    const now = this.now();
    if (until === undefined) return undefined;
    if (until <= now) {
      this.blockedUntil.delete(ip);
      return undefined;
    }
    return Math.max(1, Math.ceil((until - now) / 1000));
  }

  /** Counts one failure of `ip`; answers the seconds to wait when this one went over the limit. */
  async record(ip: string): Promise<number | undefined> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const key = `${this.prefix}:${ip}:${window}`;
    const count = this.options.redis ? await this.countInRedis(this.options.redis, key) : this.countHere(key, window);
    if (count === undefined || count <= this.options.limit) return undefined;
    if (this.blockedUntil.size >= 10_000)
      for (const [k, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(k);
    this.blockedUntil.set(ip, (window + 1) * this.windowMs);
    return this.blocked(ip);
  }

  private async countInRedis(redis: Redis, key: string): Promise<number | undefined> {
    try {
      return Number(await reserving(redis).gsRateLimitReserve(key, this.windowMs + 1000, 1));
    } catch {
      // The limit protects, it does not gate: a failure uncounted still answers 401.
      return undefined;
    }
  }

  private countHere(key: string, window: number): number {
    if (this.counts.size >= 10_000)
      for (const k of this.counts.keys()) if (!k.endsWith(`:${window}`)) this.counts.delete(k);
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }
}
