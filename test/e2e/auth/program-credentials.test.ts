import { randomUUID } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_AUDIENCE } from '../../../src/http/auth/tokens.js';
import type { JwtKeys } from '../../../src/platform/jwt-keys.js';
import {
  admin,
  ADMIN_TOKEN,
  basic,
  call,
  json,
  keyAndSecret,
  openAuthFixture,
  type Answer,
  type AuthFixture,
  type CreatedProgram,
  type Listening,
} from '../../support/auth-fixture.js';

describe('program authentication over HTTP: admin, key + secret, basic, bearer', () => {
  let fixture: AuthFixture;
  let jwtKeys: JwtKeys;
  let api: Listening;
  let a: CreatedProgram;
  let b: CreatedProgram;
  beforeAll(async () => {
    fixture = await openAuthFixture();
    ({ jwtKeys, api, a, b } = fixture);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  describe('admin', () => {
    it('when an operator creates a program, then it answers 201 with the secret once, the default settings and version 0, readable at once', async () => {
      const answer = await call(
        api.base,
        'POST',
        '/v1/admin/programs',
        { ...admin, ...json },
        JSON.stringify({ name: 'CforGood Bordeaux', currency: 'chf' }),
      );
      expect(answer.status).toBe(201);
      expect(answer.headers.get('etag')).toBe('"0"');
      expect(answer.body).toMatchObject({
        version: 0,
        data: {
          name: 'CforGood Bordeaux',
          currency: 'CHF',
          cause_share_percent: 80,
          card_fee_percent: '2.90',
          card_fee_fixed: '0.30',
          external_token_validation_url: null,
          signing_key: null,
        },
      });
      const data = answer.body.data!;
      expect(data.api_key).toMatch(/^pk_/);
      expect(data.api_secret).toMatch(/^sk_/);
      // Answered after the read model caught up: the new credentials work on the very next request.
      const program = await call(api.base, 'GET', '/v1/program', {
        'Api-Key': data.api_key as string,
        'Api-Secret': data.api_secret as string,
      });
      expect(program.status).toBe(200);
      expect(program.body.data).toMatchObject({ id: data.id, name: 'CforGood Bordeaux' });
      expect(program.body.data).not.toHaveProperty('api_secret');
    });

    it('when settings are given, then they are kept and shown as strings with two decimals', async () => {
      const body = {
        name: 'Lyon',
        cause_share_percent: 75,
        card_fee_percent: '1.5',
        card_fee_fixed: 0.25,
        external_token_validation_url: 'https://shop.example/validate',
      };
      const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...admin, ...json }, JSON.stringify(body));
      expect(answer.status).toBe(201);
      expect(answer.body.data).toMatchObject({
        cause_share_percent: 75,
        card_fee_percent: '1.50',
        card_fee_fixed: '0.25',
        external_token_validation_url: 'https://shop.example/validate',
      });
    });

    it('when the body is invalid, then 422 invalid_request names each failing field', async () => {
      const body = { cause_share_percent: 120, card_fee_percent: '2.905', external_token_validation_url: 'ftp://x' };
      const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...admin, ...json }, JSON.stringify(body));
      expect(answer.status).toBe(422);
      expect(answer.body.error_name).toBe('invalid_request');
      const fields = (answer.body.details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(['card_fee_percent', 'cause_share_percent', 'external_token_validation_url', 'name']);
    });

    it('when the admin token is wrong or missing, then 401 unauthorized with WWW-Authenticate', async () => {
      for (const headers of [{ Authorization: `Bearer ${ADMIN_TOKEN}x` }, { Authorization: 'Bearer ' }, {}] as Record<
        string,
        string
      >[]) {
        const answer = await call(
          api.base,
          'POST',
          '/v1/admin/programs',
          { ...headers, ...json },
          JSON.stringify({ name: 'x' }),
        );
        expect(answer.status).toBe(401);
        expect(answer.body.error_name).toBe('unauthorized');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
      }
    });

    it('when a program uses its own valid credentials on the admin route, then 403 forbidden', async () => {
      const answer = await call(
        api.base,
        'POST',
        '/v1/admin/programs',
        { ...keyAndSecret(a), ...json },
        JSON.stringify({ name: 'x' }),
      );
      expect(answer.status).toBe(403);
      expect(answer.body.error_name).toBe('forbidden');
    });

    it('when the admin token is used on a program route, then 403 forbidden', async () => {
      expect((await call(api.base, 'GET', '/v1/program', admin)).status).toBe(403);
    });
  });

  describe('key + secret and basic', () => {
    it('when a program sends its key and secret, then it reads itself, settings as two-decimal strings, with its version', async () => {
      const answer = await call(api.base, 'GET', '/v1/program', keyAndSecret(a));
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        version: 0,
        data: { id: a.id, name: 'Program A', api_key: a.apiKey, card_fee_percent: '2.90', card_fee_fixed: '0.30' },
      });
      expect(answer.headers.get('etag')).toBe('"0"');
    });

    it('when the secret is wrong, or belongs to another program, then 401', async () => {
      const wrong = await call(api.base, 'GET', '/v1/program', {
        'Api-Key': a.apiKey,
        'Api-Secret': `${a.apiSecret}x`,
      });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('Api-Key');
      expect(
        (await call(api.base, 'GET', '/v1/program', { 'Api-Key': a.apiKey, 'Api-Secret': b.apiSecret })).status,
      ).toBe(401);
      const keyAlone = await call(api.base, 'GET', '/v1/program', { 'Api-Key': a.apiKey }); // identifies, proves nothing
      expect(keyAlone.status).toBe(401);
      expect(keyAlone.headers.get('www-authenticate')).toContain('Basic');
    });

    it('when a program sends Basic base64(secret:), then it reads itself; a wrong secret is 401', async () => {
      const answer = await call(api.base, 'GET', '/v1/program', basic(b.apiSecret));
      expect(answer.status).toBe(200);
      expect(answer.body.data).toMatchObject({ id: b.id, name: 'Program B' });
      expect((await call(api.base, 'GET', '/v1/program', basic('sk_nope'))).status).toBe(401);
      expect((await call(api.base, 'GET', '/v1/program', { Authorization: 'Basic !!!' })).status).toBe(401);
    });
  });

  describe('program bearer', () => {
    async function token(
      headers: Record<string, string>,
      body = JSON.stringify({ grant_type: 'client_credentials' }),
    ): Promise<Answer> {
      return call(api.base, 'POST', '/v1/oauth/token', { ...headers, ...json }, body);
    }

    it('when a program asks for a token with key+secret or basic, then the bearer token reads that program only', async () => {
      for (const [program, headers] of [
        [a, keyAndSecret(a)],
        [b, basic(b.apiSecret)],
      ] as const) {
        const answer = await token(headers);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
        const read = await call(api.base, 'GET', '/v1/program', {
          Authorization: `Bearer ${answer.body.access_token as string}`,
        });
        expect(read.status).toBe(200);
        expect(read.body.data!.id).toBe(program.id);
      }
    });

    it('when grant_type comes as an OAuth form, then the token is issued as well', async () => {
      const answer = await call(
        api.base,
        'POST',
        '/v1/oauth/token',
        { ...basic(a.apiSecret), 'Content-Type': 'application/x-www-form-urlencoded' },
        'grant_type=client_credentials',
      );
      expect(answer.status).toBe(200);
      const read = await call(api.base, 'GET', '/v1/program', {
        Authorization: `Bearer ${answer.body.access_token as string}`,
      });
      expect(read.body.data!.id).toBe(a.id);
    });

    it('when the grant type is not client_credentials, then 422; wrong credentials 401; a bearer token may not get a token (403)', async () => {
      expect((await token(keyAndSecret(a), JSON.stringify({ grant_type: 'password' }))).status).toBe(422);
      expect((await token({ 'Api-Key': a.apiKey, 'Api-Secret': 'sk_wrong' })).status).toBe(401);
      const bearer = (await token(keyAndSecret(a))).body.access_token as string;
      expect((await token({ Authorization: `Bearer ${bearer}` })).status).toBe(403);
    });

    it('when a token is signed by another key, with or without our kid, then 401', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      for (const kid of [jwtKeys.kid, 'someone-else']) {
        const forged = await new SignJWT({})
          .setProtectedHeader({ alg: 'ES256', kid })
          .setSubject(a.id)
          .setAudience(PROGRAM_AUDIENCE)
          .setIssuer('goodstream')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey);
        const answer = await call(api.base, 'GET', '/v1/program', { Authorization: `Bearer ${forged}` });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toContain('Bearer');
      }
    });

    it('when our token is expired, for another audience or issuer, then 401', async () => {
      const tokens = await Promise.all([
        jwtKeys.sign({ subject: a.id, audience: PROGRAM_AUDIENCE, issuer: 'goodstream', ttlSeconds: -60 }),
        jwtKeys.sign({ subject: a.id, audience: 'goodstream:member', issuer: 'goodstream', ttlSeconds: 60 }),
        jwtKeys.sign({ subject: a.id, audience: PROGRAM_AUDIENCE, issuer: 'elsewhere', ttlSeconds: 60 }),
      ]);
      for (const t of tokens)
        expect((await call(api.base, 'GET', '/v1/program', { Authorization: `Bearer ${t}` })).status).toBe(401);
    });

    it('when a valid token names a program that does not exist, then 404', async () => {
      const t = await jwtKeys.sign({
        subject: randomUUID(),
        audience: PROGRAM_AUDIENCE,
        issuer: 'goodstream',
        ttlSeconds: 60,
      });
      expect((await call(api.base, 'GET', '/v1/program', { Authorization: `Bearer ${t}` })).status).toBe(404);
    });

    it('when the JWKS is read, then it lists public keys only, one of them with the kid of our tokens', async () => {
      const answer = await call(api.base, 'GET', '/.well-known/jwks.json');
      expect(answer.status).toBe(200);
      const keys = answer.body.keys as Record<string, unknown>[];
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key.kid).toEqual(expect.any(String));
        expect(key).not.toHaveProperty('d');
      }
      const issued = (await token(keyAndSecret(a))).body.access_token as string;
      expect(keys.map((k) => k.kid)).toContain(decodeProtectedHeader(issued).kid);
    });
  });
});
