import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../../platform/logger.js';
import type { Delivery } from './rows.js';

export const WEBHOOK_QUEUE = 'webhook-deliveries';

export interface DeliveryJob {
  readonly deliveryId: string;
  /** The delivery's attempts before this job: AttemptNumber counts on from there. */
  readonly attemptBase: number;
  /** Tries of the current round already used before this job (a job re-made by the reconciler). */
  readonly roundOffset: number;
}

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
export function jobFor(
  delivery: Delivery,
  tries: number,
  delayMs = 0,
): { name: string; data: DeliveryJob; opts: JobsOptions } {
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

export async function enqueueDeliveries(
  queue: WebhookQueue,
  deliveries: readonly Delivery[],
  tries: number,
): Promise<void> {
  if (deliveries.length > 0) await queue.addBulk(deliveries.map((d) => jobFor(d, tries)));
}
