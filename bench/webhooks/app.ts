import { randomBytes } from 'node:crypto';
import { start, type Running } from '../../src/main.js';
import { loadConfig as loadAppConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { activeSubscriptionsFor } from '../../src/projections/webhooks/queries.js';
import { createProgram, type Program } from '../http/setup.js';
import type { WebhookBenchConfig } from './config.js';

/** The whole app, as `start` runs it, in this process, with one subscription to `receiverUrl`. */
export interface BenchApp {
  readonly running: Running;
  readonly program: Program;
  readonly subscriptionId: string;
  readonly queuePrefix: string;
}

async function subscribe(baseUrl: string, program: Program, url: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/webhooks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret },
    body: JSON.stringify({ url, events: ['member.registered'] }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /v1/webhooks answered ${response.status}: ${text}`);
  return String((JSON.parse(text) as { data: { webhookId: string } }).data.webhookId);
}

/** Starts the app (its database must exist; `start` migrates it), makes a program and subscribes `receiverUrl`. */
export async function startBenchApp(config: WebhookBenchConfig, receiverUrl: string): Promise<BenchApp> {
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  const appConfig = loadAppConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_TOKEN: adminToken,
    ROLES: 'all',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_CONCURRENCY: String(config.workerConcurrency),
    DATABASE_POOL_MAX: String(config.poolMax),
    POLL_INTERVAL_MS: String(config.pollMs),
  });
  // Its own BullMQ queues in the shared Redis.
  const queuePrefix = `gs-bench-webhooks-${randomBytes(6).toString('hex')}`;
  const running = await start(appConfig, createLogger(appConfig.LOG_LEVEL), { queuePrefix });
  try {
    const address = running.server?.address();
    if (!address || typeof address !== 'object') throw new Error('the app is not listening');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const program = await createProgram(baseUrl, adminToken);
    const subscriptionId = await subscribe(baseUrl, program, receiverUrl);
    // The dispatcher reads the subscriptions' read model: appends start once it shows the subscription.
    const deadline = Date.now() + 30_000;
    while ((await activeSubscriptionsFor(running.infra.knex, program.id, 'member.registered')).length === 0) {
      if (Date.now() > deadline) throw new Error('the subscription did not show in its read model within 30s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { running, program, subscriptionId, queuePrefix };
  } catch (error) {
    await running.stop();
    throw error;
  }
}

/** Deletes what the app left in Redis under its queue prefix. */
export async function dropQueueKeys(running: Running, queuePrefix: string): Promise<number> {
  const redis = running.infra.redis;
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) removed += await redis.del(...keys);
  } while (cursor !== '0');
  return removed;
}
