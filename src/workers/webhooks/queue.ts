import { Queue, Worker, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.js';
import type { Delivery } from './deliveries.js';
import { deliveryProcessor, type DeliveryAttemptFailed, type DeliveryJob, type ProcessorDeps } from './processor.js';
import { delayBefore } from '../../platform/retry-schedule.js';

export const WEBHOOK_QUEUE = 'webhook-deliveries';

export type WebhookQueue = Queue<DeliveryJob>;

export function createWebhookQueue(connection: Redis, logger: Logger, prefix?: string): WebhookQueue {
  const queue = new Queue<DeliveryJob>(WEBHOOK_QUEUE, { connection, ...(prefix ? { prefix } : {}) });
  queue.on('error', (err) => logger.warn({ err: err.message }, 'webhook queue error'));
  return queue;
}

/**
 * The job of a delivery, named by the delivery id: a delivery never has two jobs
 * at once, so a slow receiver is never sent the same attempt twice in parallel.
 */
export function jobFor(delivery: Delivery, tries: number, delayMs = 0): { name: string; data: DeliveryJob; opts: JobsOptions } {
  return {
    name: 'deliver',
    data: { deliveryId: delivery.id, attemptBase: delivery.attempts, roundOffset: delivery.roundAttempts },
    opts: {
      jobId: delivery.id,
      attempts: Math.max(1, tries - delivery.roundAttempts),
      backoff: { type: 'schedule' },
      delay: Math.max(0, delayMs),
      removeOnComplete: true,
      removeOnFail: true,
    },
  };
}

export async function enqueueDeliveries(queue: WebhookQueue, deliveries: readonly Delivery[], tries: number): Promise<void> {
  if (deliveries.length > 0) await queue.addBulk(deliveries.map((d) => jobFor(d, tries)));
}

export interface WorkerOptions extends ProcessorDeps {
  readonly connection: Redis;
  readonly concurrency: number;
  readonly prefix?: string;
}

/** The delivery worker: its lock outlives the HTTP timeout, so a slow answer is never taken for a stalled job. */
export function startWebhookWorker(options: WorkerOptions): Worker<DeliveryJob> {
  const worker = new Worker<DeliveryJob>(WEBHOOK_QUEUE, deliveryProcessor(options), {
    connection: options.connection,
    concurrency: options.concurrency,
    lockDuration: options.timeoutMs + 30_000,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    settings: {
      backoffStrategy: (attemptsMade, _type, err, job) =>
        delayBefore(options.schedule, ((job?.data as DeliveryJob | undefined)?.roundOffset ?? 0) + attemptsMade, (err as DeliveryAttemptFailed | undefined)?.retryAfterMs ?? 0),
    },
  });
  worker.on('error', (err) => options.logger.warn({ err: err.message }, 'webhook worker error'));
  worker.on('failed', (job, err) => options.logger.info({ deliveryId: job?.data.deliveryId, attempt: job?.attemptsMade, err: err.message }, 'webhook attempt failed'));
  return worker;
}
