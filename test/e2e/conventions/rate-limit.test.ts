import { randomBytes } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { rateLimit } from '../../../src/http/rate-limit.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createRedis } from '../../../src/platform/redis.js';
import { listen, startTestApp, type Listening, type TestApp } from '../../support/app.js';

/**
 * The limiter on a real Redis, behind a real HTTP server; each run has its own key prefix.
 * An hour-long window keeps a window boundary from falling inside a test.
 */
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `gs:test:ratelimit:${randomBytes(4).toString('hex')}`;
let server: Listening;

beforeAll(async () => {
  await redis.connect();
  const app = express();
  // Stands in for authentication, which names the credential.
  app.use((req, res, next) => {
    const credential = req.get('X-Test-Credential');
    if (credential) res.locals.rateLimitKey = credential;
    next();
  });
  app.use('/v1', rateLimit({ redis, limit: 3, windowMs: 3_600_000, prefix }));
  app.get('/v1/ping', (_req, res) => {
    res.json({ pong: true });
  });
  app.use(notFoundHandler);
  app.use(errorHandler(createLogger('silent')));
  server = await listen(app);
});

afterAll(async () => {
  await server?.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const ping = (credential?: string): Promise<Response> =>
  fetch(`${server.baseUrl}/v1/ping`, { headers: credential ? { 'X-Test-Credential': credential } : {} });

describe('rate limit per credential', () => {
  it('when a credential goes over its limit, then 429 too_many_requests with Retry-After and RateLimit headers', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await ping('cred-a'));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);

    const limited = answers[3]!;
    expect(await limited.json()).toMatchObject({ error_name: 'too_many_requests' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(limited.headers.get('ratelimit-limit')).toBe('3');
    expect(limited.headers.get('ratelimit-reset')).toBe(String(retryAfter));
    expect(limited.headers.get('ratelimit-policy')).toBe('3;w=3600');
  });

  it('when another credential asks, then it has its own budget', async () => {
    expect((await ping('cred-b')).status).toBe(200);
  });

  it('when no credential is set, then the client address is the key', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ping()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const keys = await redis.keys(`${prefix}:ip:*`);
    expect(keys.length).toBe(1);
    expect(keys[0]).toContain('127.0.0.1');
  });

  it('when the limit is reached, then even unknown /v1 paths are refused', async () => {
    for (let i = 0; i < 3; i++)
      await fetch(`${server.baseUrl}/v1/nope`, { headers: { 'X-Test-Credential': 'cred-c' } });
    expect((await fetch(`${server.baseUrl}/v1/nope`, { headers: { 'X-Test-Credential': 'cred-c' } })).status).toBe(429);
  });
});

describe('rate limit reservations across processes', () => {
  const limit = 500;
  const burst = 700;
  const servers: Listening[] = [];
  const clients = [
    createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
    createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'),
  ];
  const sharedPrefix = `${prefix}:shared`;
  let commands = 0;

  beforeAll(async () => {
    // Two limiters with a client each stand for two processes counting one credential.
    for (const client of clients) {
      await client.connect();
      const send = client.sendCommand.bind(client);
      client.sendCommand = (...args: Parameters<typeof send>) => {
        commands += 1;
        return send(...args);
      };
      const app = express();
      app.use('/v1', rateLimit({ redis: client, limit, windowMs: 3_600_000, prefix: sharedPrefix }));
      app.get('/v1/ping', (_req, res) => {
        res.json({ pong: true });
      });
      app.use(errorHandler(createLogger('silent')));
      servers.push(await listen(app));
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    for (const client of clients) client.disconnect();
  });

  it('when two processes serve a burst of one credential, then together they never pass the limit, and most requests cost no Redis call', async () => {
    const statuses: number[] = [];
    // Ten requests in flight at a time, spread over both processes.
    for (let sent = 0; sent < burst; sent += 10) {
      const batch = Array.from({ length: 10 }, (_, i) =>
        fetch(`${servers[(sent / 10 + i) % 2]!.baseUrl}/v1/ping`).then((r) => r.status),
      );
      statuses.push(...(await Promise.all(batch)));
    }
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(allowed).toBeLessThanOrEqual(limit);
    // Each process may be left holding fewer than a reservation's worth (limit / 50) unused.
    expect(allowed).toBeGreaterThanOrEqual(limit - 2 * (limit / 50));
    expect(commands).toBeLessThan(burst / 3);
  });
});

describe('failed authentications have their own count per address', () => {
  let app: TestApp;
  let program: { api_key: string; api_secret: string };
  // Behind the loopback proxy the app trusts, X-Forwarded-For names the caller; fresh addresses each run, so a second
  // run in the same minute starts clean.
  const attacker = `2001:db8::${randomBytes(2).toString('hex')}`;
  const client = `2001:db8:1::${randomBytes(2).toString('hex')}`;
  const from = (ip: string, headers: Record<string, string>) => ({ headers: { ...headers, 'X-Forwarded-For': ip } });

  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT: '5', AUTH_FAILURE_LIMIT: '5' });
    program = (await app.createProgram({ name: 'Rate limited' })).data as typeof program;
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The attacker's five failures with the Api-Key alone, made once per file by whichever test needs them first. */
  let failures: Promise<void> | undefined;
  const attackerFailedFiveTimes = () =>
    (failures ??= (async () => {
      for (let i = 0; i < 5; i++)
        expect((await app.request('GET', '/v1/program', from(attacker, { 'Api-Key': program.api_key }))).status).toBe(
          401,
        );
    })());

  it("when an address fails with the public Api-Key alone as often as the program's limit, then the program's authenticated calls still answer 200", async () => {
    await attackerFailedFiveTimes();
    const real = await app.request(
      'GET',
      '/v1/program',
      from(client, { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret }),
    );
    expect(real.status).toBe(200);
    expect(real.headers.get('ratelimit-remaining')).toBe('4');
  });

  it('when the failing address goes past its failure limit, then it is answered 429 with Retry-After, right credentials included, and other addresses are not', async () => {
    await attackerFailedFiveTimes();
    const over = await app.request(
      'GET',
      '/v1/program',
      from(attacker, { 'Api-Key': program.api_key, 'Api-Secret': 'sk_wrong_guess' }),
    );
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error_name: 'too_many_requests' });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(
      (
        await app.request(
          'GET',
          '/v1/program',
          from(attacker, { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret }),
        )
      ).status,
    ).toBe(429);
    expect(
      (
        await app.request(
          'GET',
          '/v1/program',
          from(client, { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret }),
        )
      ).status,
    ).toBe(200);
  });
});
