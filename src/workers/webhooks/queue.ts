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

/**
 * How long a job taken by a worker stays its own without a renewal. BullMQ renews the lock every half of it while the
 * attempt runs, so it need not cover a slow answer; what it bounds is the job whose hand-over to a worker was lost
 * (Redis moved it to active, the reply never came back: a cut connection): the stalled check gives it back once the
 * lock lapses, within twice this of the loss instead of a minute or more. The check runs every half of it: it takes a
 * job only on the second check that finds it (the first marks it), so at the lock's own period a job could wait three
 * periods, depending on where the loss falls between two checks.
 */
export const lockDurationFor = (timeoutMs: number): number => timeoutMs + 5_000;

/** The delivery worker. */
export function startWebhookWorker(options: WorkerOptions): Worker<DeliveryJob> {
  const lockDuration = lockDurationFor(options.timeoutMs);
  const worker = new Worker<DeliveryJob>(WEBHOOK_QUEUE, deliveryProcessor(options), {
    connection: options.connection,
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: Math.ceil(lockDuration / 2),
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
