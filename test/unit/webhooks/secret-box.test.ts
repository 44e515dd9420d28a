import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createSecretBox, lazySecretBox, parseSecretsKey, SecretBoxError } from '../../../src/platform/secret-box.js';
import { loadConfig } from '../../../src/platform/config.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('when a secret is sealed, then opening gives it back and the sealed form does not contain it', () => {
    const sealed = box.seal(secret);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(sealed.startsWith(`v1.${box.kid}.`)).toBe(true);
    expect(box.open(sealed)).toBe(secret);
  });

  it('when the same secret is sealed twice, then the two sealed forms differ (a fresh IV each time)', () => {
    expect(box.seal(secret)).not.toBe(box.seal(secret));
  });

  it('when any part of a sealed secret is altered, then opening throws', () => {
    const sealed = box.seal(secret);
    const parts = sealed.split('.');
    for (const index of [2, 3, 4]) {
      const altered = [...parts];
      const part = altered[index]!;
      altered[index] = `${part[0] === 'A' ? 'B' : 'A'}${part.slice(1)}`;
      expect(() => box.open(altered.join('.'))).toThrow(SecretBoxError);
    }
    expect(() => box.open(sealed.slice(0, -2))).toThrow(SecretBoxError);
    expect(() => box.open('not sealed')).toThrow(SecretBoxError);
    expect(() => box.open(`${sealed}.extra`)).toThrow(SecretBoxError);
  });

  it('when another key opens it, then it throws, even with the key id forged', () => {
    const other = createSecretBox(randomBytes(32));
    const sealed = box.seal(secret);
    expect(() => other.open(sealed)).toThrow(SecretBoxError);
    expect(() => other.open(sealed.replace(`.${box.kid}.`, `.${other.kid}.`))).toThrow(SecretBoxError);
  });

  it('when SECRETS_KEY is configured, then it must be base64 of 32 bytes', () => {
    const key = randomBytes(32);
    expect(createSecretBox(parseSecretsKey(key.toString('base64'))).kid).toBe(createSecretBox(key).kid);
    expect(() => parseSecretsKey(randomBytes(16).toString('base64'))).toThrow(SecretBoxError);
    expect(() => createSecretBox(randomBytes(31))).toThrow(SecretBoxError);
    expect(loadConfig({ SECRETS_KEY: key.toString('base64') }).SECRETS_KEY).toBe(key.toString('base64'));
    expect(() => loadConfig({ SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/SECRETS_KEY/);
  });

  it('when the first load of the stored key fails, then the next call loads it again and keeps it', async () => {
    const key = randomBytes(32).toString('base64');
    let reads = 0;
    // The database away on the first read, there on the second.
    const knex = (() => ({
      where: () => ({
        first: () =>
          ++reads === 1 ? Promise.reject(new Error('database away')) : Promise.resolve({ key_base64: key }),
      }),
    })) as unknown as Knex;
    const open = lazySecretBox(knex);
    await expect(open()).rejects.toThrow('database away');
    const loaded = await open();
    expect(await open()).toBe(loaded);
    expect(reads).toBe(2);
    expect(loaded.open(createSecretBox(Buffer.from(key, 'base64')).seal(secret))).toBe(secret);
  });
});
