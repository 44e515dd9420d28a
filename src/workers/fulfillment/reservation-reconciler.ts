import { releaseOrphanReservation } from '../../commands/fulfillment/manage-order.js';
import { systemClock } from '../../platform/clock.js';
import { orphanReservations } from '../../projections/fulfillment/orders/queries.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

const RESERVATION_RECONCILER = 'fulfillment-reservation-reconciler';

/** How long a reservation may wait for its order before it is given back (api-fulfillment.md, "Consistency" 4). */
export const ORPHAN_AFTER_MS = 10 * 60_000;

/** Releases, after 10 min, budget and stock held for an order that never got written. */
export function reservationReconciler(ctx: WorkerContext): BackgroundWorker {
  return scheduledWorker(ctx, {
    name: RESERVATION_RECONCILER,
    everyMs: 60_000,
    due: async (now) =>
      (await orphanReservations(ctx.knex, new Date(now.getTime() - ORPHAN_AFTER_MS))).map((r) => ({
        id: `release_${r.order_id}`,
        item: { orderId: r.order_id, promotionId: r.promotion_id, sku: r.sku, programId: r.program_id ?? 'platform' },
      })),
    run: (job) => releaseOrphanReservation({ store: ctx.store, clock: systemClock }, job, job.programId),
  });
}
