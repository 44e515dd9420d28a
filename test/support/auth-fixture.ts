import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createAuth } from '../../src/http/auth/authenticate.js';
import { tenancyRoutes, type TenancyDeps } from '../../src/http/tenancy/routes.js';
import { loadJwtKeys, type JwtKeys } from '../../src/platform/jwt-keys.js';
import { createMetrics } from '../../src/platform/metrics.js';
import { createRedis } from '../../src/platform/redis.js';
import { allProjections } from '../../src/contexts.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { openTestInfra, type TestInfra } from './infra.js';
import { checkAnswer } from './openapi/check.js';
import { systemClock } from '../../src/platform/clock.js';

export const ADMIN_TOKEN = 'admin-token-for-the-e2e-tests-0123456789';

export interface Listening {
  readonly base: string;
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { data?: Record<string, unknown> };
}

export async function call(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  checkAnswer({ method, path, status: response.status, contentType: response.headers.get('content-type'), text });
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

export const rsaKeys = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
export const pemOf = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();
export const inSeconds = (delta: number): string => String(Math.floor(Date.now() / 1000) + delta);

let lastExpiry = 0;
/**
 * An Expires-at a minute ahead that no earlier call got: a signature is accepted
 * once, so a client sending the same request again signs it with another expiry.
 */
export const uniqueExpiry = (): string =>
  String((lastExpiry = Math.max(Math.floor(Date.now() / 1000) + 60, lastExpiry + 1)));

/** The signed-request headers of seed 004, signed by node. */
export function signed(
  apiKey: string,
  privateKey: KeyObject,
  method: string,
  url: string,
  body = '',
  expiresAt = uniqueExpiry(),
): Record<string, string> {
  const signature = sign('sha256', Buffer.from(`${expiresAt}|${method}|${url}|${body}|`, 'utf8'), privateKey).toString(
    'base64',
  );
  return { 'Api-Key': apiKey, 'Expires-at': expiresAt, Signature: signature };
}

export interface CreatedProgram {
  readonly id: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface AuthFixture {
  readonly infra: TestInfra;
  readonly jwtKeys: JwtKeys;
  readonly api: Listening;
  /** The same app, told it is reached at https://api.goodstream.test/ (PUBLIC_BASE_URL). */
  readonly proxied: Listening;
  readonly a: CreatedProgram;
  readonly b: CreatedProgram;
  createProgram(name: string): Promise<CreatedProgram>;
  close(): Promise<void>;
}

export const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
export const json = { 'Content-Type': 'application/json' };
export const keyAndSecret = (p: CreatedProgram) => ({ 'Api-Key': p.apiKey, 'Api-Secret': p.apiSecret });
export const basic = (secret: string) => ({ Authorization: `Basic ${Buffer.from(`${secret}:`).toString('base64')}` });

/** The tenancy routes on the real createApp, twice (direct and behind a proxy), with two programs A and B. */
export async function openAuthFixture(): Promise<AuthFixture> {
  const infra = await openTestInfra();
  const runner = new ProjectionRunner(allProjections, {
    knex: infra.knex,
    store: infra.store,
    databaseUrl: infra.url,
    logger: infra.logger,
    pollMs: 20,
  });
  runner.start();
  const redis: Redis = createRedis('redis://127.0.0.1:6379'); // never connected: the rate limit is off and /health is not called
  const jwtKeys = await loadJwtKeys(infra.knex);
  const buildApp = (publicBaseUrl: string | undefined): Express => {
    const config = { ADMIN_TOKEN, PUBLIC_BASE_URL: publicBaseUrl, READ_YOUR_WRITES_TIMEOUT_MS: 5000 };
    const auth = createAuth({ knex: infra.knex, jwtKeys, config });
    const deps: TenancyDeps = {
      knex: infra.knex,
      store: infra.store,
      clock: systemClock,
      runner,
      config,
      jwtKeys,
      auth,
      logger: infra.logger,
    };
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
  };
  const api = await listen(buildApp(undefined));
  const proxied = await listen(buildApp('https://api.goodstream.test/'));
  const createProgramOverHttp = async (name: string): Promise<CreatedProgram> => {
    const answer = await call(api.base, 'POST', '/v1/admin/programs', { ...admin, ...json }, JSON.stringify({ name }));
    expect(answer.status).toBe(201);
    const data = answer.body.data!;
    return { id: data.id as string, apiKey: data.api_key as string, apiSecret: data.api_secret as string };
  };
  const a = await createProgramOverHttp('Program A');
  const b = await createProgramOverHttp('Program B');
  return {
    infra,
    jwtKeys,
    api,
    proxied,
    a,
    b,
    createProgram: createProgramOverHttp,
    async close() {
      await api.close();
      await proxied.close();
      redis.disconnect();
      await runner.stop();
      await infra.close();
    },
  };
}
