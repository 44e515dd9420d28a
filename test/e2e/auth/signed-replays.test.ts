import { request as httpRequest } from 'node:http';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/app.js';
import { createAuth, type AuthDeps } from '../../../src/http/auth/authenticate.js';
import { tenancyRoutes } from '../../../src/http/tenancy/routes.js';
import { createMetrics } from '../../../src/platform/metrics.js';
import { createRedis } from '../../../src/platform/redis.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import {
  ADMIN_TOKEN,
  call,
  json,
  keyAndSecret,
  listen,
  openAuthFixture,
  pemOf,
  rsaKeys,
  signed,
  type AuthFixture,
  type Listening,
} from '../../support/auth-fixture.js';
import { systemClock } from '../../../src/platform/clock.js';

/** A GET with a Host of our choosing (fetch does not let a caller set it). */
function getWithHost(
  base: string,
  path: string,
  host: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'GET', headers: { ...headers, Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a signed request is accepted once: the whole app', () => {
  let app: TestApp;
  const keys = rsaKeys();
  let headers: Record<string, string>;
  let campaignId: string;

  beforeAll(async () => {
    app = await startTestApp({ READ_YOUR_WRITES_TIMEOUT_MS: '30000' });
    const program = (await app.createProgram({ name: 'Signed giving' })).data as {
      api_key: string;
      api_secret: string;
    };
    headers = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    expect(
      (await app.request('PUT', '/v1/program/signing-key', { headers, body: { public_key: pemOf(keys.publicKey) } }))
        .status,
    ).toBe(200);
    const campaign = await app.request('POST', '/v1/campaigns', {
      headers,
      body: { title: 'Hiver', slug: `hiver-${Date.now()}`, goal: '500.00' },
    });
    expect(campaign.status).toBe(201);
    campaignId = (campaign.body.data as { id: string }).id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when the same signed POST /v1/donations is sent again, even with its signature spelled without padding, then 201 once, 403 signature_replayed after, and one donation', async () => {
    const url = `${app.baseUrl}/v1/donations`;
    const body = JSON.stringify({
      campaign_id: campaignId,
      currency: 'EUR',
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille@example.org',
      amount: '20.00',
      method: 'cash',
    });
    const signedHeaders: Record<string, string> = {
      ...signed(headers['Api-Key']!, keys.privateKey, 'POST', url, body),
      ...json,
    };
    const post = (h: Record<string, string>) => fetch(url, { method: 'POST', headers: h, body });
    const first = await post(signedHeaders);
    expect(first.status).toBe(201);
    for (const again of [signedHeaders, { ...signedHeaders, Signature: signedHeaders.Signature!.replace(/=+$/, '') }]) {
      const repeat = await post(again);
      expect(repeat.status).toBe(403);
      expect(await repeat.json()).toMatchObject({
        error_name: 'forbidden',
        details: [{ field: 'Signature', message: 'signature_replayed' }],
      });
    }
    const list = await app.request('GET', '/v1/donations', { headers });
    expect(list.body.paging).toMatchObject({ total: 1 });
  });
});

describe('signed requests: Host, production, and the replay cache in Redis', () => {
  let fixture: AuthFixture;
  const keys = rsaKeys();
  const redis: Redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const unreachable: Redis = createRedis('redis://127.0.0.1:1');
  unreachable.on('error', () => undefined);
  const servers: Listening[] = [];

  const serve = async (config: Partial<AuthDeps['config']>, client?: Redis): Promise<Listening> => {
    const full = { ADMIN_TOKEN, PUBLIC_BASE_URL: undefined, READ_YOUR_WRITES_TIMEOUT_MS: 5000, ...config };
    const auth = createAuth({
      knex: fixture.infra.knex,
      jwtKeys: fixture.jwtKeys,
      config: full,
      ...(client ? { redis: client } : {}),
    });
    const app: Express = createApp({
      knex: fixture.infra.knex,
      store: fixture.infra.store,
      redis,
      metrics: createMetrics(),
      logger: fixture.infra.logger,
      version: 'test',
      startedAt: new Date(),
      rateLimit: false,
      authenticate: auth.identify,
      routes: [
        tenancyRoutes({
          knex: fixture.infra.knex,
          store: fixture.infra.store,
          clock: systemClock,
          runner: { waitFor: () => Promise.resolve(true) },
          config: full,
          jwtKeys: fixture.jwtKeys,
          auth,
        }),
      ],
    });
    const listening = await listen(app);
    servers.push(listening);
    return listening;
  };

  beforeAll(async () => {
    // Connected here, not by whichever test happens to run first (the client connects lazily and queues nothing).
    await redis.connect();
    fixture = await openAuthFixture();
    const answer = await call(
      fixture.api.base,
      'PUT',
      '/v1/program/signing-key',
      { ...keyAndSecret(fixture.a), ...json },
      JSON.stringify({ public_key: pemOf(keys.publicKey) }),
    );
    expect(answer.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    redis.disconnect();
    unreachable.disconnect();
    await fixture?.close();
  });

  it('when ALLOWED_HOSTS is set and a signed request names another Host, then 403 host_not_allowed; an allowed Host passes', async () => {
    const api = await serve({ ALLOWED_HOSTS: ['127.0.0.1'] }, redis);
    const port = new URL(api.base).port;
    const foreign = `evil.example:${port}`;
    const refused = await getWithHost(
      api.base,
      '/v1/program',
      foreign,
      signed(fixture.a.apiKey, keys.privateKey, 'GET', `http://${foreign}/v1/program`),
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      error_name: 'forbidden',
      details: [{ field: 'Host', message: 'host_not_allowed' }],
    });
    const own = await getWithHost(
      api.base,
      '/v1/program',
      `127.0.0.1:${port}`,
      signed(fixture.a.apiKey, keys.privateKey, 'GET', `${api.base}/v1/program`),
    );
    expect(own.status).toBe(200);
  });

  it('when production has no PUBLIC_BASE_URL, then signed requests are refused whatever the Host, and other schemes still work', async () => {
    const api = await serve({ NODE_ENV: 'production' }, redis);
    const answer = await call(
      api.base,
      'GET',
      '/v1/program',
      signed(fixture.a.apiKey, keys.privateKey, 'GET', `${api.base}/v1/program`),
    );
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      error_name: 'forbidden',
      details: [{ field: 'Host', message: 'no_public_base_url' }],
    });
    expect((await call(api.base, 'GET', '/v1/program', keyAndSecret(fixture.a))).status).toBe(200);
  });

  it('when two processes share Redis, then a signature accepted by one is refused by the other', async () => {
    const one = await serve({ PUBLIC_BASE_URL: 'https://api.goodstream.test' }, redis);
    const two = await serve({ PUBLIC_BASE_URL: 'https://api.goodstream.test' }, redis);
    const headers = signed(fixture.a.apiKey, keys.privateKey, 'GET', 'https://api.goodstream.test/v1/program?shared=1');
    expect((await call(one.base, 'GET', '/v1/program?shared=1', headers)).status).toBe(200);
    const again = await call(two.base, 'GET', '/v1/program?shared=1', headers);
    expect(again.status).toBe(403);
    expect(again.body.details).toEqual([{ field: 'Signature', message: 'signature_replayed' }]);
  });

  it('when Redis does not answer, then a signed request is refused 503 with Retry-After rather than risk a replay', async () => {
    const api = await serve({}, unreachable);
    const answer = await call(
      api.base,
      'GET',
      '/v1/program',
      signed(fixture.a.apiKey, keys.privateKey, 'GET', `${api.base}/v1/program`),
    );
    expect(answer.status).toBe(503);
    expect(answer.body.error_name).toBe('service_unavailable');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
