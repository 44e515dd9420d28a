import type { Knex } from 'knex';
import type { Logger } from '../../platform/logger.js';
import { pendingDue } from './deliveries.js';
import { jobFor, type WebhookQueue } from './queue.js';

/**
 * PostgreSQL is the truth, Redis the means: a pending delivery whose job is gone
 * (Redis lost its data, a crash between commit and enqueue) gets its job back,
 * with the tries its round has left and at the time it was due.
 */
export async function reconcileDeliveries(knex: Knex, queue: WebhookQueue, tries: number, horizonMs = 365 * 24 * 3_600_000): Promise<number> {
  const due = await pendingDue(knex, new Date(Date.now() + horizonMs), 1000);
  let restored = 0;
  for (const delivery of due) {
    if (await queue.getJob(delivery.id)) continue;
    const job = jobFor(delivery, tries, delivery.nextAttemptAt.getTime() - Date.now());
    await queue.add(job.name, job.data, job.opts);
    restored++;
  }
  return restored;
}

export function startReconciler(knex: Knex, queue: WebhookQueue, tries: number, logger: Logger, everyMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    reconcileDeliveries(knex, queue, tries)
      .then((restored) => restored > 0 && logger.warn({ restored }, 'webhook deliveries re-enqueued'))
      .catch((err: Error) => logger.warn({ err: err.message }, 'webhook reconciliation failed'))
      .finally(() => (running = false));
  }, everyMs);
  return () => clearInterval(timer);
}
