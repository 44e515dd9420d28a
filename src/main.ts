import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Express } from 'express';
import {
  allMigrations,
  allOutboxSources,
  allProjections,
  allRouters,
  allWebhookSources,
  allWorkers,
  documentAllRoutes,
} from './contexts.js';
import { createApp } from './http/app.js';
import { closeServer, listen } from './http/server.js';
import { outboxRoutes } from './http/outbox/routes.js';
import { createAuth } from './http/auth/authenticate.js';
import { createMemberAuth } from './http/members/auth.js';
import type { ApiContext } from './http/context.js';
import { systemClock } from './platform/clock.js';
import { openapiRoutes } from './http/openapi/routes.js';
import { httpExternalTokenValidator } from './platform/external-token.js';
import { loadJwtKeys } from './platform/jwt-keys.js';
import { loadPlatformKey } from './platform/signing-key.js';
import { connectInfrastructure, DependencyError, type Infrastructure } from './platform/boot.js';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger, type Logger } from './platform/logger.js';
import { createMetrics, type Metrics } from './platform/metrics.js';
import { ProjectionRunner } from './projections/runner.js';
import { sandboxPayments, type PaymentProvider } from './platform/payments/index.js';
import type { BackgroundWorker } from './workers/types.js';
import { webhookDelivery, type WebhookDelivery } from './workers/webhooks/index.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export interface Running {
  readonly server: Server | undefined;
  readonly app: Express | undefined;
  readonly runner: ProjectionRunner;
  readonly infra: Infrastructure;
  readonly webhooks: WebhookDelivery;
  /** Billing and the other background workers, by name; started by the worker role. */
  readonly workers: ReadonlyMap<string, BackgroundWorker>;
  readonly payments: PaymentProvider;
  stop(): Promise<void>;
}

/** The API's routers and what they share: keys, authentication, read-your-writes. */
async function apiRoutes(
  config: Config,
  infra: Infrastructure,
  runner: ProjectionRunner,
  webhooks: WebhookDelivery,
  payments: PaymentProvider,
  logger: Logger,
  metrics: Metrics,
) {
  const { knex, store } = infra;
  const clock = systemClock;
  const jwtKeys = await loadJwtKeys(knex);
  const platformKey = await loadPlatformKey(knex, {
    pem: config.PLATFORM_PRIVATE_KEY,
    file: config.PLATFORM_PRIVATE_KEY_FILE,
  });
  const auth = createAuth({ knex, jwtKeys, config, redis: infra.redis });
  const memberAuth = createMemberAuth({ knex, jwtKeys, config, auth });
  documentAllRoutes();
  const tokenValidator = httpExternalTokenValidator(platformKey, logger, {
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
  });
  const ctx: ApiContext = { knex, store, clock, runner, config, jwtKeys, auth, memberAuth, logger, payments, metrics };
  return {
    authenticate: auth.identify,
    routes: [
      openapiRoutes(config.PUBLIC_BASE_URL),
      outboxRoutes(ctx, allOutboxSources),
      ...allRouters({
        ...ctx,
        tokenValidator,
        deliveries: {
          knex,
          queue: webhooks.queue,
          tries: config.WEBHOOK_RETRY_SCHEDULE.length,
          key: platformKey,
          auth,
        },
      }),
    ],
  };
}

function has(config: Config, role: 'api' | 'projector' | 'worker'): boolean {
  return config.ROLES.includes('all') || config.ROLES.includes(role);
}

/** Starts the roles the configuration names: api, projector, worker, or all of them. */
export interface StartOptions {
  /** Redis key prefix of the queues and rate limits: tests give each app its own in the shared Redis. */
  readonly queuePrefix?: string;
}

let watchingRejections = false;

/**
 * A rejection nothing awaits is a bug (every dependency failure is meant to be
 * handled where it happens), but one dropped promise must not take every
 * request and worker of the process down with it: it is logged once, at fatal
 * level so it pages someone, and the process runs on. Installed once per process.
 */
export function keepRunningOnUnhandledRejection(logger: Logger): void {
  if (watchingRejections) return;
  watchingRejections = true;
  process.on('unhandledRejection', (reason: unknown) => {
    logger.fatal(
      { err: reason },
      'BUG: unhandled promise rejection (nothing awaited or caught this promise); the process keeps running',
    );
  });
}

export async function start(config: Config, logger: Logger, options: StartOptions = {}): Promise<Running> {
  keepRunningOnUnhandledRejection(logger);
  const infra = await connectInfrastructure(config, logger, allMigrations);
  const metrics = createMetrics();
  const webhooks = webhookDelivery(config, infra, logger, allWebhookSources, options.queuePrefix);
  metrics.watchQueue(webhooks.queue);
  const runner = new ProjectionRunner([...allProjections, webhooks.dispatcher], {
    knex: infra.knex,
    store: infra.store,
    databaseUrl: config.DATABASE_URL,
    logger,
    metrics,
    batchSize: config.PROJECTION_BATCH_SIZE,
    pollMs: config.POLL_INTERVAL_MS,
    retryMs: config.PROJECTION_RETRY_MS,
    maxAttempts: config.PROJECTION_MAX_ATTEMPTS,
  });
  if (has(config, 'projector')) runner.start();
  const payments = sandboxPayments(infra.knex);
  const workers = new Map(
    allWorkers({
      config,
      knex: infra.knex,
      store: infra.store,
      redis: infra.redis,
      logger,
      payments,
      ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
    }).map((w) => [w.name, w]),
  );
  if (has(config, 'worker')) {
    await webhooks.startWorker();
    for (const worker of workers.values()) await worker.start();
  }

  let server: Server | undefined;
  let app: Express | undefined;
  if (has(config, 'api')) {
    app = createApp({
      ...infra,
      metrics,
      logger,
      version,
      startedAt: new Date(),
      health: {
        maxProjectionLagSeconds: config.HEALTH_MAX_PROJECTION_LAG_SECONDS,
        maxWebhookBacklog: config.HEALTH_MAX_WEBHOOK_BACKLOG,
      },
      rateLimit:
        config.RATE_LIMIT === 0
          ? false
          : {
              limit: config.RATE_LIMIT,
              windowMs: config.RATE_LIMIT_WINDOW_MS,
              ...(options.queuePrefix ? { prefix: `${options.queuePrefix}:ratelimit` } : {}),
            },
      ...(await apiRoutes(config, infra, runner, webhooks, payments, logger, metrics)),
    });
    server = await listen(app, config.PORT, config.HOST);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info(
      { port, node: process.version, eventStore: infra.store.kind, roles: config.ROLES },
      `goodstream listening on http://127.0.0.1:${port}`,
    );
  }

  return {
    server,
    app,
    runner,
    infra,
    webhooks,
    workers,
    payments,
    async stop() {
      if (server) await closeServer(server);
      await runner.stop();
      for (const worker of workers.values()) await worker.stop();
      await webhooks.stop();
      await infra.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`goodstream: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let running: Running;
  try {
    running = await start(config, logger, config.QUEUE_PREFIX ? { queuePrefix: config.QUEUE_PREFIX } : {});
  } catch (error) {
    if (error instanceof DependencyError) {
      process.stderr.write(`goodstream: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
