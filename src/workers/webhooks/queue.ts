import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { WEBHOOK_QUEUE, type DeliveryJob } from '../../projections/webhooks/deliveries/queue.js';
import { deliveryProcessor, type DeliveryAttemptFailed, type ProcessorDeps } from './processor.js';
import { delayBefore } from '../../platform/retry-schedule.js';

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
        delayBefore(
          options.schedule,
          ((job?.data as DeliveryJob | undefined)?.roundOffset ?? 0) + attemptsMade,
          (err as DeliveryAttemptFailed | undefined)?.retryAfterMs ?? 0,
        ),
    },
  });
  worker.on('error', (err) => options.logger.warn({ err: err.message }, 'webhook worker error'));
  worker.on('failed', (job, err) =>
    options.logger.info(
      { deliveryId: job?.data.deliveryId, attempt: job?.attemptsMade, err: err.message },
      'webhook attempt failed',
    ),
  );
  return worker;
}
