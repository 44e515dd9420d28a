import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Request } from 'express';
import type { Redis } from 'ioredis';

/** How far ahead `Expires-at` may be, as in seed 004. */
export const MAX_EXPIRY_AHEAD_SECONDS = 3600;

export type ExpiryProblem = 'malformed' | 'expired' | 'too_far_ahead';

/** `Expires-at` is a UNIX time in seconds: not past, at most one hour ahead. */
export function checkExpiresAt(value: string, nowMs: number): ExpiryProblem | undefined {
  if (!/^\d{1,12}$/.test(value)) return 'malformed';
  const expiresAt = Number(value);
  const now = Math.floor(nowMs / 1000);
  if (expiresAt < now) return 'expired';
  if (expiresAt > now + MAX_EXPIRY_AHEAD_SECONDS) return 'too_far_ahead';
  return undefined;
}

/** The URL the client called: from PUBLIC_BASE_URL behind a proxy, else from the request itself. */
export function fullUrl(req: Request, publicBaseUrl: string | undefined): string {
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}${req.originalUrl}`;
  return `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
}

export interface HostRules {
  readonly publicBaseUrl?: string | undefined;
  /** ALLOWED_HOSTS: `host` or `host:port`, lower case; unset lets any Host through. */
  readonly allowedHosts?: readonly string[] | undefined;
  readonly production: boolean;
}

export type HostProblem = 'no_public_base_url' | 'host_not_allowed';

/**
 * Whether a signed request may be checked on the Host it was sent to. Without
 * PUBLIC_BASE_URL the signed URL comes from the client's own Host, which production
 * does not trust at all; elsewhere that Host must be one of ALLOWED_HOSTS when set.
 */
export function checkHost(req: Request, rules: HostRules): HostProblem | undefined {
  if (rules.production && !rules.publicBaseUrl) return 'no_public_base_url';
  if (!rules.allowedHosts) return undefined;
  const host = (req.get('host') ?? '').toLowerCase();
  const hostname = host.replace(/:\d+$/, '');
  return rules.allowedHosts.some((allowed) => allowed === host || allowed === hostname)
    ? undefined
    : 'host_not_allowed';
}

/** `Expires-at|METHOD|full_url|body|`, with the body's exact bytes. */
export function signedMessage(expiresAt: string, method: string, url: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${expiresAt}|${method.toUpperCase()}|${url}|`, 'utf8'),
    body,
    Buffer.from('|', 'utf8'),
  ]);
}

const keyCache = new Map<string, KeyObject>();

function publicKey(keyId: string, pem: string): KeyObject {
  let key = keyCache.get(keyId);
  if (!key) {
    if (keyCache.size >= 1000) keyCache.clear();
    key = createPublicKey(pem);
    keyCache.set(keyId, key);
  }
  return key;
}

/** RSA PKCS#1 v1.5 with SHA-256, what `openssl dgst -sha256 -sign` produces. */
export function verifySignature(
  message: Buffer,
  signatureBase64: string,
  key: { readonly keyId: string; readonly publicKeyPem: string },
): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(signatureBase64)) return false;
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  try {
    return verify('sha256', message, publicKey(key.keyId, key.publicKeyPem), signature);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- replays

/** Answers whether a signature is seen here for the first time, and remembers it for `ttlMs`. */
export interface ReplayCache {
  claim(key: string, ttlMs: number): Promise<boolean>;
}

/**
 * The replay key of a signature: its decoded bytes, so another base64 spelling of the same signature is the same key.
 */
export const replayKey = (signatureBase64: string): string =>
  `gs:signed:${createHash('sha256').update(Buffer.from(signatureBase64, 'base64')).digest('hex')}`;

/**
 * How long a signature must be remembered: until its Expires-at second is over (the expiry check counts whole seconds).
 */
export const replayTtlMs = (expiresAt: string, nowMs: number): number =>
  Math.max(1, (Number(expiresAt) + 1) * 1000 - nowMs);

const REPLAY_CLAIM_TIMEOUT_MS = 2000;

/**
 * Shared by every process: `SET key 1 NX PX ttl`. A Redis that does not answer throws, and the caller refuses the
 * request.
 */
export function redisReplayCache(redis: Redis): ReplayCache {
  return {
    async claim(key, ttlMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis did not answer in time')), REPLAY_CLAIM_TIMEOUT_MS);
      });
      try {
        return (await Promise.race([redis.set(key, '1', 'PX', ttlMs, 'NX'), timeout])) === 'OK';
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** One process's memory, for an app built without Redis (a router tested alone): replays across processes go unseen. */
export function memoryReplayCache(now: () => number = Date.now): ReplayCache {
  const until = new Map<string, number>();
  return {
    claim(key, ttlMs) {
      const at = now();
      if (until.size >= 10_000) for (const [k, end] of until) if (end <= at) until.delete(k);
      if ((until.get(key) ?? 0) > at) return Promise.resolve(false);
      until.set(key, at + ttlMs);
      return Promise.resolve(true);
    },
  };
}
