import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Request } from 'express';

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

/** `Expires-at|METHOD|full_url|body|`, with the body's exact bytes. */
export function signedMessage(expiresAt: string, method: string, url: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${expiresAt}|${method.toUpperCase()}|${url}|`, 'utf8'), body, Buffer.from('|', 'utf8')]);
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
export function verifySignature(message: Buffer, signatureBase64: string, key: { readonly keyId: string; readonly publicKeyPem: string }): boolean {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(signatureBase64)) return false;
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return false;
  try {
    return verify('sha256', message, publicKey(key.keyId, key.publicKeyPem), signature);
  } catch {
    return false;
  }
}
