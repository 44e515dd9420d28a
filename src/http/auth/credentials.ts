import type { Request } from 'express';
import type { AuthScheme } from './authenticate.js';

/** What the request carries, before anything is checked. */
export type Presented =
  | { readonly kind: 'signed'; readonly apiKey: string; readonly expiresAt: string; readonly signature: string }
  | { readonly kind: 'basic'; readonly secret: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'key_secret'; readonly apiKey: string; readonly secret: string }
  | { readonly kind: 'api_key'; readonly apiKey: string }
  | { readonly kind: 'malformed' };

export const CAN_BE: Record<Presented['kind'], readonly AuthScheme[]> = {
  signed: ['signed'],
  basic: ['basic'],
  bearer: ['admin', 'program_bearer'],
  key_secret: ['key_secret'],
  api_key: ['api_key'],
  malformed: [],
};

function parseAuthorization(header: string): Presented {
  const [kind, value = '', ...rest] = header.trim().split(/\s+/);
  if (rest.length > 0 || !value) return { kind: 'malformed' };
  if (kind?.toLowerCase() === 'bearer') return { kind: 'bearer', token: value };
  if (kind?.toLowerCase() !== 'basic') return { kind: 'malformed' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // base64(api_secret:) — the secret is the user name, the password is empty and ignored.
  const secret = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return secret ? { kind: 'basic', secret } : { kind: 'malformed' };
}

/** Every credential the request carries, strongest first. */
export function presented(req: Request): Presented[] {
  const found: Presented[] = [];
  const apiKey = req.get('Api-Key');
  const signature = req.get('Signature');
  const expiresAt = req.get('Expires-at');
  const authorization = req.get('Authorization');
  const secret = req.get('Api-Secret');
  if (signature !== undefined || expiresAt !== undefined) {
    found.push(
      apiKey && signature && expiresAt
        ? { kind: 'signed', apiKey, expiresAt: expiresAt.trim(), signature: signature.trim() }
        : { kind: 'malformed' },
    );
  }
  if (authorization !== undefined) found.push(parseAuthorization(authorization));
  if (secret !== undefined)
    found.push(apiKey && secret ? { kind: 'key_secret', apiKey, secret } : { kind: 'malformed' });
  if (apiKey) found.push({ kind: 'api_key', apiKey });
  return found;
}
