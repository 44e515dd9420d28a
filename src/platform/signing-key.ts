import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Knex } from 'knex';
import { sqlMigration } from './db.js';

export const platformKeysMigration = sqlMigration(
  '0008_platform_keys',
  `
      create table gs_platform_keys (
        purpose text primary key,
        kid text not null,
        private_key_pem text not null,
        created_at timestamptz not null default now()
      );
    `,
);

/**
 * The platform's RSA key, which signs what goodstream sends out (webhooks, token
 * validation requests) as seed 004 describes: base64 RSA-SHA256 over fields joined by `|`.
 */
export interface PlatformKey {
  readonly kid: string;
  readonly publicKeyPem: string;
  readonly publicJwk: JsonWebKey & { kid: string; use: 'sig'; alg: 'RS256' };
  /** base64 RSA-SHA256 signature of `parts.join('|') + '|'`. */
  signParts(parts: readonly string[]): string;
  /**
   * The same signature made on libuv's thread pool: an RSA-2048 signature costs
   * about a millisecond, which a worker sending hundreds a second must not spend
   * on its only JavaScript thread.
   */
  signPartsAsync(parts: readonly string[]): Promise<string>;
  verifyParts(parts: readonly string[], signature: string): boolean;
}

export function signedString(parts: readonly string[]): string {
  return `${parts.join('|')}|`;
}

function fromPrivateKey(privateKey: KeyObject): PlatformKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(der).digest('base64url').slice(0, 16);
  return {
    kid,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' },
    signParts: (parts) => sign('sha256', Buffer.from(signedString(parts), 'utf8'), privateKey).toString('base64'),
    signPartsAsync: (parts) =>
      new Promise((resolve, reject) => {
        sign('sha256', Buffer.from(signedString(parts), 'utf8'), privateKey, (error, signature) =>
          error ? reject(error) : resolve(signature.toString('base64')),
        );
      }),
    verifyParts: (parts, signature) =>
      verify('sha256', Buffer.from(signedString(parts), 'utf8'), publicKey, Buffer.from(signature, 'base64')),
  };
}

/** A platform key from a private key's PEM (PKCS#8 or PKCS#1). */
export const platformKeyFromPem = (pem: string): PlatformKey => fromPrivateKey(createPrivateKey(pem));

export interface PlatformKeySource {
  /** PEM of the private key, or a path to it. */
  readonly pem?: string;
  readonly file?: string;
}

/**
 * From configuration when given; else the key persisted at first start, generated
 * then. Two processes starting at once agree on one key: the first insert wins.
 */
export async function loadPlatformKey(knex: Knex, source: PlatformKeySource = {}): Promise<PlatformKey> {
  const configured = source.pem ?? (source.file ? readFileSync(source.file, 'utf8') : undefined);
  if (configured) return platformKeyFromPem(configured);
  const stored = await knex('gs_platform_keys')
    .where({ purpose: 'signing' })
    .first<{ private_key_pem: string } | undefined>('private_key_pem');
  if (stored) return fromPrivateKey(createPrivateKey(stored.private_key_pem));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = fromPrivateKey(privateKey);
  await knex('gs_platform_keys')
    .insert({ purpose: 'signing', kid: key.kid, private_key_pem: pem })
    .onConflict('purpose')
    .ignore();
  const winner = await knex('gs_platform_keys')
    .where({ purpose: 'signing' })
    .first<{ private_key_pem: string }>('private_key_pem');
  return fromPrivateKey(createPrivateKey(winner.private_key_pem));
}
