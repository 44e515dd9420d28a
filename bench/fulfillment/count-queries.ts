import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { start } from '../../src/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createProgram, neutraliseRateLimit } from '../http/setup.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { intFromEnv, loopbackTargets } from '../shared/env.js';
import { client, orderOf, promotion } from './client.js';

/*
 * tsx bench/fulfillment/count-queries.ts: the SQL statements the whole app (in this process) sends per order placed
 * with delivery `none` by 8 clients, and per replay, by statement. A diagnosis tool, not a figure with a target.
 * Knobs: BENCH_FULFILLMENT_ORDERS (400), BENCH_FULFILLMENT_DATABASE_URL.
 */

const counts = new Map<string, { n: number; ms: number }>();
let counting = false;
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const query = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  if (!counting) return query.apply(this, args);
  const first = args[0] as string | { name?: string; text?: string };
  const text = typeof first === 'string' ? first : (first.name ?? first.text ?? '?');
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 80);
  const started = performance.now();
  const done = () => {
    const entry = counts.get(key) ?? { n: 0, ms: 0 };
    counts.set(key, { n: entry.n + 1, ms: entry.ms + performance.now() - started });
  };
  const callback = args.findIndex((a) => typeof a === 'function');
  if (callback >= 0) {
    const original = args[callback] as (...r: unknown[]) => unknown;
    args[callback] = (...r: unknown[]) => {
      done();
      return original(...r);
    };
    return query.apply(this, args);
  }
  const result = query.apply(this, args);
  if (result instanceof Promise) void result.then(done, done);
  return result;
};

/** Wraps `object[name]` (a method returning a promise) to add up the time its calls take, under `key`. */
function timedMethod<T extends object>(object: T, name: keyof T & string, key: string): void {
  const original = object[name] as unknown as (...args: unknown[]) => Promise<unknown>;
  (object as Record<string, unknown>)[name] = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original.apply(object, args);
    } finally {
      if (counting) {
        const entry = counts.get(key) ?? { n: 0, ms: 0 };
        counts.set(key, { n: entry.n + 1, ms: entry.ms + performance.now() - started });
      }
    }
  };
}

async function measured(what: string, n: number, work: () => Promise<void>): Promise<void> {
  counts.clear();
  counting = true;
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  counting = false;
  const statements = [...counts].filter(([key]) => !key.startsWith('» '));
  const total = statements.reduce((a, [, b]) => a + b.n, 0);
  console.log(
    `\n${what}: ${n} in ${seconds.toFixed(2)}s (${(n / seconds).toFixed(0)}/s), ${(total / n).toFixed(2)} statements each`,
  );
  console.log('  per item   mean ms');
  for (const [key, { n: count, ms }] of [...counts].sort((a, b) => b[1].n - a[1].n))
    console.log(`  ${(count / n).toFixed(3).padStart(7)}  ${(ms / count).toFixed(2).padStart(7)}  ${key}`);
}

async function inParallel(n: number, clients: number, op: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) await op(next++);
    }),
  );
}

async function main(): Promise<void> {
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_FULFILLMENT', 'goodstream_bench_fulfillment_queries');
  const n = intFromEnv('BENCH_FULFILLMENT_ORDERS', 400);
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  await freshDatabase(databaseUrl);
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1' };
  const config = loadConfig({
    ...env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    ADMIN_TOKEN: adminToken,
    ROLES: 'all',
  });
  const running = await start(config, createLogger(config.LOG_LEVEL));
  const address = running.server?.address();
  if (!address || typeof address !== 'object') throw new Error('the app is not listening');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  timedMethod(running.runner, 'waitFor', '» read-your-writes wait');
  timedMethod(running.infra.store, 'appendAtomically', '» store.appendAtomically');
  let restore: (() => Promise<void>) | undefined;
  try {
    const created = await createProgram(baseUrl, adminToken);
    restore = await neutraliseRateLimit(redisUrl, created.id, 10);
    const program = client(baseUrl, { 'Api-Key': created.apiKey, 'Api-Secret': created.apiSecret });
    const promotionId = await promotion(program, ['SANDBOX-GIFT-10EUR']);
    const ids = Array.from({ length: n }, () => randomUUID());
    const expecting = (status: number, i: number) => async () => {
      const started = performance.now();
      const answer = await program.post('/v1/orders', orderOf(promotionId, ids[i]!));
      if (counting) {
        const entry = counts.get('» request, as the client sees it') ?? { n: 0, ms: 0 };
        counts.set('» request, as the client sees it', { n: entry.n + 1, ms: entry.ms + performance.now() - started });
      }
      if (answer.status !== status) throw new Error(`answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    };
    await inParallel(20, 8, (i) => expecting(201, i)());
    await measured('orders placed', n - 20, () => inParallel(n - 20, 8, (i) => expecting(201, i + 20)()));
    await measured('replays', n, () => inParallel(n, 8, (i) => expecting(200, i)()));
  } finally {
    await restore?.();
    running.server?.closeAllConnections();
    await running.stop();
    await dropDatabase(databaseUrl);
  }
}

await main();
