import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { sqlMigration } from './db.js';

export const secretKeysMigration = sqlMigration(
  '0010_secret_keys',
  `
      create table gs_secret_keys (
        purpose text primary key,
        kid text not null,
        key_base64 text not null,
        created_at timestamptz not null default now()
      );
    `,
);

/**
 * Secrets goodstream must use again later (a webhook's HMAC secret), so cannot
 * keep as a digest: sealed with AES-256-GCM, authenticated, opened only to sign.
 */
export interface SecretBox {
  /** Names the key, so sealed values can outlive a key rotation. */
  readonly kid: string;
  /** `v1.<kid>.<iv>.<tag>.<ciphertext>`, base64url parts; a fresh IV every time. */
  seal(plaintext: string): string;
  /** Throws when the value was sealed with another key or altered in any way. */
  open(sealed: string): string;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
}

const kidOf = (key: Buffer): string => createHash('sha256').update(key).digest('base64url').slice(0, 8);

/** Reads a base64 (or base64url) key of exactly 32 bytes. */
export function parseSecretsKey(value: string): Buffer {
  const key = Buffer.from(value.trim(), value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
  if (key.length !== KEY_BYTES)
    throw new SecretBoxError(`SECRETS_KEY must be ${KEY_BYTES} bytes in base64 (it decodes to ${key.length})`);
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`an AES-256 key has ${KEY_BYTES} bytes, not ${key.length}`);
  const kid = kidOf(key);
  const aad = Buffer.from(`${VERSION}.${kid}`, 'utf8');
  return {
    kid,
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        VERSION,
        kid,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        ciphertext.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, sealedKid, iv, tag, ciphertext, ...rest] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0)
        throw new SecretBoxError('not a sealed secret');
      if (sealedKid !== kid) throw new SecretBoxError(`sealed with key ${String(sealedKid)}, not with ${kid}`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(aad);
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretBoxError('the sealed secret was altered or is not ours');
      }
    },
  };
}

/**
 * From configuration (SECRETS_KEY) when given; else the key persisted at first
 * start, generated then. Two processes starting at once agree: the first insert wins.
 */
export async function loadSecretBox(knex: Knex, configured?: string): Promise<SecretBox> {
  if (configured) return createSecretBox(parseSecretsKey(configured));
  const read = () =>
    knex('gs_secret_keys').where({ purpose: 'secrets' }).first<{ key_base64: string } | undefined>('key_base64');
  const stored = await read();
  if (stored) return createSecretBox(Buffer.from(stored.key_base64, 'base64'));
  const key = randomBytes(KEY_BYTES);
  await knex('gs_secret_keys')
    .insert({ purpose: 'secrets', kid: kidOf(key), key_base64: key.toString('base64') })
    .onConflict('purpose')
    .ignore();
  const winner = await read();
  if (!winner) throw new SecretBoxError('the secrets key could not be stored');
  return createSecretBox(Buffer.from(winner.key_base64, 'base64'));
}

/**
 * The box loaded on first use and kept; a failed load (the database away) is
 * tried again on the next call instead of failing every call after it.
 */
export function lazySecretBox(knex: Knex, configured?: string): () => Promise<SecretBox> {
  let box: Promise<SecretBox> | undefined;
  return () =>
    (box ??= loadSecretBox(knex, configured).catch((error: unknown) => {
      box = undefined;
      throw error;
    }));
}
