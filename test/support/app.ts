import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { start, type Running } from '../../src/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestDatabase } from './db.js';
import { checkAnswer } from './openapi/check.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export interface TestApp {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly baseUrl: string;
  readonly databaseUrl: string;
  readonly running: Running;
  readonly knex: Knex;
  /**
   * JSON in and out; a body that is not JSON comes back as `{ text }`. Throws when the answer is not what the OpenAPI
   * document says of its operation (test/support/openapi/check.ts).
   */
  request(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: unknown },
  ): Promise<Answer>;
  /** Through POST /v1/admin/programs with the test admin token: the answer's body. */
  createProgram(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

function requester(baseUrl: string): TestApp['request'] {
  return async (method, path, options = {}) => {
    const hasBody = options.body !== undefined;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(hasBody ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
      body: hasBody ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    // Every answer is held to the OpenAPI document: a documented status, and a body its schema names in full.
    checkAnswer({ method, path, status: response.status, contentType: response.headers.get('content-type'), text });
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, headers: response.headers, body };
  };
}

/** The whole app, as `start` runs it, on a free port and a database of its own. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    POLL_INTERVAL_MS: '50',
    ...env,
  });
  // Each app its own BullMQ queues in the shared Redis, so test files cannot take each other's jobs.
  const running = await start(config, createLogger(config.LOG_LEVEL), {
    queuePrefix: `gs-test-${randomBytes(6).toString('hex')}`,
  });
  const address = running.server?.address();
  if (!address || typeof address !== 'object') {
    await running.stop();
    throw new Error('the app is not listening (is the api role in ROLES?)');
  }
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const request = requester(baseUrl);
  return {
    baseUrl,
    databaseUrl,
    running,
    knex: running.infra.knex,
    request,
    async createProgram(body) {
      const answer = await request('POST', '/v1/admin/programs', {
        headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body,
      });
      if (answer.status !== 201)
        throw new Error(`creating a program answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    stop: () => running.stop(),
  };
}

export interface Listening {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Serves a small express app built in a test on a free port (a real HTTP server). */
export async function listen(app: Express): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
