import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { SignJWT, decodeProtectedHeader, generateKeyPair } from 'jose';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/app.js';
import { createAuth } from '../../../src/http/auth/authenticate.js';
import { PROGRAM_AUDIENCE } from '../../../src/http/auth/tokens.js';
import { tenancyRoutes, type TenancyDeps } from '../../../src/http/tenancy/routes.js';
import { loadJwtKeys, type JwtKeys } from '../../../src/platform/jwt-keys.js';
import { createMetrics } from '../../../src/platform/metrics.js';
import { createRedis } from '../../../src/platform/redis.js';
import { allProjections } from '../../../src/projections/index.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';

const ADMIN_TOKEN = 'admin-token-for-the-e2e-tests-0123456789';

interface Listening {
  readonly base: string;
  close(): Promise<void>;
}

async function listen(app: Express): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { data?: Record<string, unknown> };
}

async function call(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

const rsaKeys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const pemOf = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
const inSeconds = (delta: number): string => String(Math.floor(Date.now() / 1000) + delta);

/** The signed-request headers of seed 004, signed by node. */
function signed(apiKey: string, privateKey: KeyObject, method: string, url: string, body = '', expiresAt = inSeconds(60)): Record<string, string> {
  const signature = sign('sha256', Buffer.from(`${expiresAt}|${method}|${url}|${body}|`, 'utf8'), privateKey).toString('base64');
  return { 'Api-Key': apiKey, 'Expires-at': expiresAt, Signature: signature };
}

interface CreatedProgram {
  readonly id: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

describe('program authentication over HTTP', () => {
  let infra: TestInfra;
  let runner: ProjectionRunner;
  let redis: Redis;
  let jwtKeys: JwtKeys;
  let api: Listening;
  let proxied: Listening;
  let a: CreatedProgram;
  let b: CreatedProgram;
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const json = { 'Content-Type': 'application/json' };
  const keyAndSecret = (p: CreatedProgram) => ({ 'Api-Key': p.apiKey, 'Api-Secret': p.apiSecret });
  const basic = (secret: string) => ({ Authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` });

  function buildApp(publicBaseUrl: string | undefined): Express {
    const config = { ADMIN_TOKEN, PUBLIC_BASE_URL: publicBaseUrl, READ_YOUR_WRITES_TIMEOUT_MS: 5000 };
    const auth = createAuth({ knex: infra.knex, jwtKeys, config });
    const deps: TenancyDeps = { knex: infra.knex, store: infra.store, runner, config, jwtKeys, auth, logger: infra.logger };
    return createApp({
      knex: infra.knex,
      store: infra.store,
      redis,
      metrics: createMetrics(),
      logger: infra.logger,
      version: 'test',
      startedAt: new Date(),
      rateLimit: false,
      authenticate: auth.identify,
      routes: [tenancyRoutes(deps)],
    });
  }

  async function createProgramOverHttp(name: string): Promise<CreatedProgram> {
    const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...admin, ...json }, JSON.stringify({ name }));
    expect(answer.status).toBe(201);
    const data = answer.body.data!;
    return { id: data.id as string, apiKey: data.api_key as string, apiSecret: data.api_secret as string };
  }

  beforeAll(async () => {
    infra = await openTestInfra();
    runner = new ProjectionRunner(allProjections, { knex: infra.knex, store: infra.store, databaseUrl: infra.url, logger: infra.logger, pollMs: 20 });
    runner.start();
    redis = createRedis('redis://127.0.0.1:6379'); // never connected: the rate limit is off and /health is not called
    jwtKeys = await loadJwtKeys(infra.knex);
    api = await listen(buildApp(undefined));
    proxied = await listen(buildApp('https://api.goodstream.test/'));
    a = await createProgramOverHttp('Program A');
    b = await createProgramOverHttp('Program B');
  });

  afterAll(async () => {
    await api?.close();
    await proxied?.close();
    redis?.disconnect();
    await runner?.stop();
    await infra?.close();
  });

  describe('admin', () => {
    it('when an operator creates a program, then it answers 201 with the secret once, the default settings and version 0, readable at once', async () => {
      const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...admin, ...json }, JSON.stringify({ name: 'CforGood Bordeaux', currency: 'chf' }));
      expect(answer.status).toBe(201);
      expect(answer.headers.get('etag')).toBe('"0"');
      expect(answer.body).toMatchObject({
        version: 0,
        data: { name: 'CforGood Bordeaux', currency: 'CHF', cause_share_percent: 80, card_fee_percent: '2.90', card_fee_fixed: '0.30', external_token_validation_url: null, signing_key: null },
      });
      const data = answer.body.data!;
      expect(data.api_key).toMatch(/^pk_/);
      expect(data.api_secret).toMatch(/^sk_/);
      // Answered after the read model caught up: the new credentials work on the very next request.
      const program = await call(api.base, 'GET', '/v1/program', { 'Api-Key': data.api_key as string, 'Api-Secret': data.api_secret as string });
      expect(program.status).toBe(200);
      expect(program.body.data).toMatchObject({ id: data.id, name: 'CforGood Bordeaux' });
      expect(program.body.data).not.toHaveProperty('api_secret');
    });

    it('when settings are given, then they are kept and shown as strings with two decimals', async () => {
      const body = { name: 'Lyon', cause_share_percent: 75, card_fee_percent: '1.5', card_fee_fixed: 0.25, external_token_validation_url: 'https://shop.example/validate' };
      const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...admin, ...json }, JSON.stringify(body));
      expect(answer.status).toBe(201);
      expect(answer.body.data).toMatchObject({ cause_share_percent: 75, card_fee_percent: '1.50', card_fee_fixed: '0.25', external_token_validation_url: 'https://shop.example/validate' });
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
      for (const headers of [{ Authorization: `Bearer ${ADMIN_TOKEN}x` }, { Authorization: 'Bearer ' }, {}] as Record<string, string>[]) {
        const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...headers, ...json }, JSON.stringify({ name: 'x' }));
        expect(answer.status).toBe(401);
        expect(answer.body.error_name).toBe('unauthorized');
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
      }
    });

    it('when a program uses its own valid credentials on the admin route, then 403 forbidden', async () => {
      const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...keyAndSecret(a), ...json }, JSON.stringify({ name: 'x' }));
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
      expect(answer.body).toMatchObject({ version: 0, data: { id: a.id, name: 'Program A', api_key: a.apiKey, card_fee_percent: '2.90', card_fee_fixed: '0.30' } });
      expect(answer.headers.get('etag')).toBe('"0"');
    });

    it('when the secret is wrong, or belongs to another program, then 401', async () => {
      const wrong = await call(api.base, 'GET', '/v1/program', { 'Api-Key': a.apiKey, 'Api-Secret': `${a.apiSecret}x` });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('Api-Key');
      expect((await call(api.base, 'GET', '/v1/program', { 'Api-Key': a.apiKey, 'Api-Secret': b.apiSecret })).status).toBe(401);
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
    async function token(headers: Record<string, string>, body = JSON.stringify({ grant_type: 'client_credentials' })): Promise<Answer> {
      return call(api.base, 'POST', '/v1/oauth/token', { ...headers, ...json }, body);
    }

    it('when a program asks for a token with key+secret or basic, then the bearer token reads that program only', async () => {
      for (const [program, headers] of [[a, keyAndSecret(a)], [b, basic(b.apiSecret)]] as const) {
        const answer = await token(headers);
        expect(answer.status).toBe(200);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
        const read = await call(api.base, 'GET', '/v1/program', { Authorization: `Bearer ${answer.body.access_token as string}` });
        expect(read.status).toBe(200);
        expect(read.body.data!.id).toBe(program.id);
      }
    });

    it('when grant_type comes as an OAuth form, then the token is issued as well', async () => {
      const answer = await call(api.base, 'POST', '/v1/oauth/token', { ...basic(a.apiSecret), 'Content-Type': 'application/x-www-form-urlencoded' }, 'grant_type=client_credentials');
      expect(answer.status).toBe(200);
      const read = await call(api.base, 'GET', '/v1/program', { Authorization: `Bearer ${answer.body.access_token as string}` });
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
      for (const t of tokens) expect((await call(api.base, 'GET', '/v1/program', { Authorization: `Bearer ${t}` })).status).toBe(401);
    });

    it('when a valid token names a program that does not exist, then 404', async () => {
      const t = await jwtKeys.sign({ subject: randomUUID(), audience: PROGRAM_AUDIENCE, issuer: 'goodstream', ttlSeconds: 60 });
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

  describe('signed requests', () => {
    const keysA = rsaKeys();
    const keysB = rsaKeys();
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gs-sign-'));
      for (const [program, keys] of [[a, keysA], [b, keysB]] as const) {
        const answer = await call(api.base, 'PUT', '/v1/program/signing-key', { ...keyAndSecret(program), ...json }, JSON.stringify({ public_key: pemOf(keys.publicKey) }));
        expect(answer.status).toBe(200);
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('when a program registers a key, then the program shows its id at the next version; a stale If-Match is 412; a weak key 422', async () => {
      const read = await call(api.base, 'GET', '/v1/program', keyAndSecret(a));
      expect(read.body).toMatchObject({ version: 1, data: { signing_key: { key_id: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, public_key: pemOf(keysA.publicKey) } } });
      const stale = await call(api.base, 'PUT', '/v1/program/signing-key', { ...keyAndSecret(a), ...json, 'If-Match': '"0"' }, JSON.stringify({ public_key: pemOf(rsaKeys().publicKey) }));
      expect(stale.status).toBe(412);
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
      const refused = await call(api.base, 'PUT', '/v1/program/signing-key', { ...keyAndSecret(a), ...json }, JSON.stringify({ public_key: pemOf(weak) }));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'public_key' }] });
    });

    it('when a GET is signed by node, then it is accepted', async () => {
      const answer = await call(api.base, 'GET', '/v1/program?x=1', signed(a.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program?x=1`));
      expect(answer.status).toBe(200);
      expect(answer.body.data!.id).toBe(a.id);
    });

    it('when the signature is made with the openssl command line, then it is accepted', async () => {
      execFileSync('openssl', ['genrsa', '-out', join(dir, 'private.pem'), '2048'], { stdio: 'ignore' });
      execFileSync('openssl', ['rsa', '-pubout', '-in', join(dir, 'private.pem'), '-out', join(dir, 'public.pem')], { stdio: 'ignore' });
      const body = JSON.stringify({ public_key: readFileSync(join(dir, 'public.pem'), 'utf8') });
      const registered = await call(api.base, 'PUT', '/v1/program/signing-key', { ...basic(b.apiSecret), ...json }, body);
      expect(registered.status).toBe(200);

      const expiresAt = inSeconds(60);
      writeFileSync(join(dir, 'message.txt'), `${expiresAt}|GET|${api.base}/v1/program||`);
      const signature = execFileSync('openssl', ['dgst', '-sha256', '-sign', join(dir, 'private.pem'), join(dir, 'message.txt')]).toString('base64');
      const answer = await call(api.base, 'GET', '/v1/program', { 'Api-Key': b.apiKey, 'Expires-at': expiresAt, Signature: signature });
      expect(answer.status).toBe(200);
      expect(answer.body.data!.id).toBe(b.id);

      const back = await call(api.base, 'PUT', '/v1/program/signing-key', { ...basic(b.apiSecret), ...json }, JSON.stringify({ public_key: pemOf(keysB.publicKey) }));
      expect(back.status).toBe(200);
    });

    it('when a PUT body is signed byte for byte, then it is accepted; the same signature over a tampered body is 401', async () => {
      const body = `{"public_key":  ${JSON.stringify(pemOf(keysA.publicKey))} , "note": "é"}`;
      const url = `${api.base}/v1/program/signing-key`;
      const headers = signed(a.apiKey, keysA.privateKey, 'PUT', url, body);
      expect((await call(api.base, 'PUT', '/v1/program/signing-key', { ...headers, ...json }, body)).status).toBe(200);
      const tampered = body.replace('"é"', '"e"');
      const answer = await call(api.base, 'PUT', '/v1/program/signing-key', { ...headers, ...json }, tampered);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toContain('Signature');
    });

    it('when Expires-at is past, more than an hour ahead or not a timestamp, then 403 even with a valid signature', async () => {
      const url = `${api.base}/v1/program`;
      for (const expiresAt of [inSeconds(-5), inSeconds(3700), 'tomorrow']) {
        const answer = await call(api.base, 'GET', '/v1/program', signed(a.apiKey, keysA.privateKey, 'GET', url, '', expiresAt));
        expect(answer.status).toBe(403);
        expect(answer.body.error_name).toBe('forbidden');
      }
    });

    it('when the signature is forged, covers another Expires-at, method or URL, or is garbage, then 401', async () => {
      const url = `${api.base}/v1/program`;
      const forged = signed(a.apiKey, rsaKeys().privateKey, 'GET', url);
      const moved = { ...signed(a.apiKey, keysA.privateKey, 'GET', url), 'Expires-at': inSeconds(120) };
      const otherMethod = signed(a.apiKey, keysA.privateKey, 'POST', url);
      const otherUrl = signed(a.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program?admin=1`);
      const garbage = { ...signed(a.apiKey, keysA.privateKey, 'GET', url), Signature: 'not base64 at all' };
      for (const headers of [forged, moved, otherMethod, otherUrl, garbage]) {
        expect((await call(api.base, 'GET', '/v1/program', headers)).status).toBe(401);
      }
    });

    it("when program A's key is sent with B's signature, or the signature without Expires-at, then 401", async () => {
      const url = `${api.base}/v1/program`;
      const crossed = signed(a.apiKey, keysB.privateKey, 'GET', url);
      expect((await call(api.base, 'GET', '/v1/program', crossed)).status).toBe(401);
      const { 'Expires-at': _dropped, ...incomplete } = signed(a.apiKey, keysA.privateKey, 'GET', url);
      expect((await call(api.base, 'GET', '/v1/program', incomplete)).status).toBe(401);
    });

    it('when a program has no signing key, then its signed requests are 401', async () => {
      const fresh = await createProgramOverHttp('No key yet');
      const answer = await call(api.base, 'GET', '/v1/program', signed(fresh.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program`));
      expect(answer.status).toBe(401);
    });

    it('when PUBLIC_BASE_URL is set, then the signature covers that URL and not the address the proxy called', async () => {
      const path = '/v1/program?page=2';
      const good = await call(proxied.base, 'GET', path, signed(a.apiKey, keysA.privateKey, 'GET', `https://api.goodstream.test${path}`));
      expect(good.status).toBe(200);
      const local = await call(proxied.base, 'GET', path, signed(a.apiKey, keysA.privateKey, 'GET', `${proxied.base}${path}`));
      expect(local.status).toBe(401);
    });

    it('when Api-Secret is sent beside a valid signature, then the signature alone decides', async () => {
      const headers = { ...signed(a.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program`), 'Api-Secret': 'sk_not_needed' };
      expect((await call(api.base, 'GET', '/v1/program', headers)).status).toBe(200);
    });
  });
});
