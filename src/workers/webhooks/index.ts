import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { deactivateSubscription } from '../../commands/webhooks/subscriptions.js';
import type { Infrastructure } from '../../platform/boot.js';
import { systemClock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Logger } from '../../platform/logger.js';
import { createRedis } from '../../platform/redis.js';
import { loadSecretBox } from '../../platform/secret-box.js';
import { loadPlatformKey } from '../../platform/signing-key.js';
import type { Projection } from '../../projections/projection.js';
import type { WebhookSource } from '../../projections/webhooks/webhook-source.js';
import { webhookDispatcher } from './dispatcher.js';
import {
  createWebhookQueue,
  type DeliveryJob,
  type WebhookQueue,
} from '../../projections/webhooks/deliveries/queue.js';
import { startWebhookWorker } from './queue.js';
import { startReconciler } from './reconciler.js';

export interface WebhookDelivery {
  readonly queue: WebhookQueue;
  /** The projection that turns events into deliveries; the projector role runs it. */
  readonly dispatcher: Projection;
  /** Starts the worker and the reconciler (the worker role). */
  startWorker(): Promise<void>;
  /** Stops them, letting the attempts under way finish. */
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export function webhookDelivery(
  config: Config,
  infra: Infrastructure,
  logger: Logger,
  sources: readonly WebhookSource[],
  queuePrefix?: string,
): WebhookDelivery {
  const queue = createWebhookQueue(infra.redis, logger, queuePrefix);
  const tries = config.WEBHOOK_RETRY_SCHEDULE.length;
  let worker: Worker<DeliveryJob> | undefined;
  let stopReconciler: (() => Promise<void>) | undefined;
  const stopWorker = async (): Promise<void> => {
    const stopping = stopReconciler?.();
    stopReconciler = undefined;
    await stopping;
    const closing = worker;
    worker = undefined;
    await closing?.close();
    (closing?.opts.connection as Redis | undefined)?.disconnect();
  };
  return {
    queue,
    dispatcher: webhookDispatcher({ knex: infra.knex, store: infra.store, queue, tries, sources }),
    async startWorker() {
      const connection = createRedis(config.REDIS_URL, { forWorkers: true });
      worker = startWebhookWorker({
        connection,
        prefix: queuePrefix,
        knex: infra.knex,
        key: await loadPlatformKey(infra.knex, {
          pem: config.PLATFORM_PRIVATE_KEY,
          file: config.PLATFORM_PRIVATE_KEY_FILE,
        }),
        secrets: await loadSecretBox(infra.knex, config.SECRETS_KEY),
        logger,
        schedule: config.WEBHOOK_RETRY_SCHEDULE,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
        concurrency: config.WEBHOOK_CONCURRENCY,
        onGone: async (programId, subscriptionId) => {
          await deactivateSubscription(
            { store: infra.store, clock: systemClock },
            subscriptionId,
            'the receiver answered 410 Gone',
            { tenantId: programId, actor: 'webhook-worker' },
          );
        },
      });
      stopReconciler = startReconciler({ knex: infra.knex, queue, redis: infra.redis, tries }, logger, {
        everyMs: config.WEBHOOK_RECONCILE_MS,
      });
    },
    stopWorker,
    async stop() {
      await stopWorker();
      await queue.close();
    },
  };
}
