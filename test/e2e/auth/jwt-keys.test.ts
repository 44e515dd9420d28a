import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadJwtKeys } from '../../../src/platform/jwt-keys.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

describe('JWT signing keys', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra?.close();
  });

  it('when several processes start at once on an empty database, then one key pair is made and all of them use it', async () => {
    const loaded = await Promise.all([loadJwtKeys(infra.knex), loadJwtKeys(infra.knex), loadJwtKeys(infra.knex)]);
    expect(new Set(loaded.map((k) => k.kid)).size).toBe(1);
    const rows = await infra.knex('gs_jwt_keys').select('kid');
    expect(rows).toHaveLength(1);
  });

  it('when the process restarts, then tokens issued before still verify and the JWKS is the same', async () => {
    const before = await loadJwtKeys(infra.knex);
    const token = await before.sign({
      subject: 'p1',
      audience: 'aud',
      issuer: 'goodstream',
      ttlSeconds: 60,
      claims: { scope: 'x' },
    });
    const after = await loadJwtKeys(infra.knex);
    expect(after.kid).toBe(before.kid);
    expect(after.jwks()).toEqual(before.jwks());
    await expect(after.verify(token, { audience: 'aud', issuer: 'goodstream' })).resolves.toMatchObject({
      sub: 'p1',
      aud: 'aud',
      iss: 'goodstream',
      scope: 'x',
    });
    await expect(after.verify(token, { audience: 'other', issuer: 'goodstream' })).rejects.toThrow();
  });

  it('when the JWKS is exported, then each key has its kid, alg and use, and no private part', async () => {
    const { keys } = (await loadJwtKeys(infra.knex)).jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: expect.any(String) as unknown,
    });
    expect(keys[0]).not.toHaveProperty('d');
  });
});
