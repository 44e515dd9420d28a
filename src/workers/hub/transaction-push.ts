import { pushHub, type PushProgress } from '../../commands/hub/pushes/push.js';
import { systemClock } from '../../platform/clock.js';
import { hubsWithUnpushed } from '../../projections/hub/transactions/queries.js';
import { pushDeps } from '../../projections/hub/transactions/wiring.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const HUB_TRANSACTION_PUSH = 'hub-transaction-push';

/**
 * transactionPush (flow 2.4): every HUB_PUSH_INTERVAL_MS, one job per hub with matched, unpushed transactions.
 * Two processes may run a hub's job at once (their ticks name it alike only within a tick): each batch's stream
 * lets one of them push it. Within a process a hub is pushed by one run at a time: a run goes on while the hub has
 * unpushed transactions, and runs side by side would only meet on the same batches. Each run starts where the last
 * one ended, not at the read model's first unpushed transaction: that one may not show the last run's pushes yet.
 */
export function transactionPushWorker(ctx: WorkerContext): BackgroundWorker {
  const deps = pushDeps(ctx.knex, ctx.store, systemClock);
  const running = new Set<string>();
  const progress = new Map<string, PushProgress>();
  return scheduledWorker(ctx, {
    name: HUB_TRANSACTION_PUSH,
    everyMs: ctx.config.HUB_PUSH_INTERVAL_MS,
    concurrency: 4,
    due: async (now) =>
      (await hubsWithUnpushed(ctx.knex))
        .filter((hubId) => !running.has(hubId))
        .map((hubId) => ({ id: `push_${hubId}_${now.getTime()}`, item: { hubId } })),
    async run({ hubId }, now) {
      if (running.has(hubId)) return { batches: 0, transactions: 0, skipped: 'pushed here already' };
      running.add(hubId);
      try {
        if (!progress.has(hubId)) progress.set(hubId, { after: null });
        return await pushHub({ ...deps, clock: { now: () => now } }, hubId, progress.get(hubId));
      } finally {
        running.delete(hubId);
      }
    },
  });
}
