import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createSecretBox, parseSecretsKey, type SecretBox } from '../../platform/secret-box.js';

const PURPOSE = 'fulfillment-data';

/**
 * The key that seals codes, claim codes and emails: FULFILLMENT_DATA_KEY (32 bytes, base64) when set, else a key
 * generated at first use and kept in the database, as SECRETS_KEY is (the first of two racing processes wins).
 */
export async function loadDataBox(knex: Knex, configured = process.env.FULFILLMENT_DATA_KEY): Promise<SecretBox> {
  if (configured) return createSecretBox(parseSecretsKey(configured));
  const read = () =>
    knex('gs_secret_keys').where({ purpose: PURPOSE }).first<{ key_base64: string } | undefined>('key_base64');
  const stored = await read();
  if (stored) return createSecretBox(Buffer.from(stored.key_base64, 'base64'));
  const key = randomBytes(32);
  const kid = createHash('sha256').update(key).digest('base64url').slice(0, 8);
  await knex('gs_secret_keys')
    .insert({ purpose: PURPOSE, kid, key_base64: key.toString('base64') })
    .onConflict('purpose')
    .ignore();
  const winner = await read();
  if (!winner) throw new Error('the fulfillment data key could not be stored');
  return createSecretBox(Buffer.from(winner.key_base64, 'base64'));
}

/** Loaded once, retried after a failure. */
export function onceRetried<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}
