import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/** A customer's personal fields: sealed in events under the customer's own data key, kept outside the event stream. */
export interface Personal {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly email: string | null;
  readonly phoneNumber: string | null;
  readonly birthDate: string | null;
  readonly postalCode: string | null;
}

export const NO_PERSONAL: Personal = {
  firstName: null,
  lastName: null,
  email: null,
  phoneNumber: null,
  birthDate: null,
  postalCode: null,
};

const KEYS = 'hub_customer_keys';

/** AES-256-GCM, `v1.<iv>.<tag>.<ciphertext>` in base64url; the customer id is authenticated with it. */
export function sealWith(key: Buffer, customerId: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(customerId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openWith(key: Buffer, customerId: string, sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(customerId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** The table of data keys: destroying a row erases every sealed value of that customer, in every event. */
export const customerKeys = {
  /** The customer's key, made on first use (a registration retried after a crash finds the first one). */
  async ensure(knex: Knex, customerId: string): Promise<Buffer> {
    await knex(KEYS)
      .insert({ customer_id: customerId, key_base64: randomBytes(32).toString('base64') })
      .onConflict('customer_id')
      .ignore();
    const key = await customerKeys.find(knex, customerId);
    if (!key) throw new Error('the customer data key was destroyed');
    return key;
  },
  async find(knex: Knex, customerId: string): Promise<Buffer | undefined> {
    const row = (await knex(KEYS).where({ customer_id: customerId }).select('key_base64').first()) as
      { key_base64: string } | undefined;
    return row && Buffer.from(row.key_base64, 'base64');
  },
  async destroy(knex: Knex, customerId: string): Promise<void> {
    await knex(KEYS).where({ customer_id: customerId }).delete();
  },
};

export const sealPersonal = (key: Buffer, customerId: string, personal: Personal): string =>
  sealWith(key, customerId, JSON.stringify(personal));

/** The personal fields, or all null once the key is destroyed (or the value does not open). */
export function openPersonal(key: Buffer | undefined, customerId: string, sealed: string): Personal {
  if (!key) return NO_PERSONAL;
  try {
    return { ...NO_PERSONAL, ...(JSON.parse(openWith(key, customerId, sealed)) as Partial<Personal>) };
  } catch {
    return NO_PERSONAL;
  }
}
