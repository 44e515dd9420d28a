import { expireOrder } from '../../commands/fulfillment/manage-order.js';
import { systemClock } from '../../platform/clock.js';
import { dueLinkExpiries } from '../../projections/fulfillment/orders/queries.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

const LINK_EXPIRY = 'fulfillment-link-expiry';

/**
 * Expires pending link orders past `link_ttl_days` and releases their budget and stock. One job per order; run twice
 * (or after a redemption), the order's decider finds nothing to do.
 */
export function linkExpiryWorker(ctx: WorkerContext): BackgroundWorker {
  return scheduledWorker(ctx, {
    name: LINK_EXPIRY,
    everyMs: 60_000,
    due: async (now) =>
      (await dueLinkExpiries(ctx.knex, now)).map((order) => ({
        id: `expire_${order.id}`,
        item: { orderId: order.id, programId: order.program_id },
      })),
    run: (job, now) => expireOrder({ store: ctx.store, clock: systemClock }, job.orderId, job.programId, now),
  });
}
