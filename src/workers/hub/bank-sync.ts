import { syncConnection } from '../../commands/hub/transactions/bank-sync.js';
import { systemClock } from '../../platform/clock.js';
import { connectionsDue } from '../../projections/hub/transactions/queries.js';
import { bankSyncDeps } from '../../projections/hub/transactions/wiring.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const HUB_BANK_SYNC = 'hub-bank-sync';

/**
 * bankSync (flow 2.1): one job per connection, at once after its creation (the next tick finds it never synced),
 * then once a period (daily). The job id names the connection and its last sync, so racing ticks queue it once;
 * a sync run twice imports nothing twice (each transaction's stream is appended with no_stream).
 */
export function bankSyncWorker(ctx: WorkerContext): BackgroundWorker {
  const deps = bankSyncDeps(ctx.knex, ctx.store, systemClock);
  const log = ctx.logger.child({ worker: HUB_BANK_SYNC });
  return scheduledWorker(ctx, {
    name: HUB_BANK_SYNC,
    everyMs: ctx.config.HUB_BANK_SYNC_EVERY_MS,
    // A sync is a few round trips (its stream, the feed, its cursor) around one grouped write of its transactions:
    // the more run at once, the more of them share that write (and the hub's store stamp, read once for them all).
    concurrency: 64,
    // A tick after the job but before the read model shows its sync would queue the same id again: keep it a while.
    keepDoneForS: 600,
    // A tick queues and returns: the job ids keep a connection queued once. Ticks that waited for a thousand jobs
    // each piled up (one a second), every one polling Redis for each job's state.
    waitMs: 0,
    due: async (now) =>
      (await connectionsDue(ctx.knex, now, ctx.config.HUB_BANK_SYNC_PERIOD_MS)).map(
        ({ connectionId, lastSyncedAt }) => ({
          id: `banksync_${connectionId}_${lastSyncedAt === null ? 'first' : Date.parse(lastSyncedAt)}`,
          item: { connectionId },
        }),
      ),
    async run({ connectionId }, now) {
      const outcome = await syncConnection({ ...deps, clock: { now: () => now } }, connectionId);
      if (outcome.outcome === 'skipped') log.info({ connectionId, why: outcome.why }, 'sync skipped');
      return outcome;
    },
  });
}
