import { expireClaims } from '../../commands/hub/claims/expiry.js';
import { repairScanTransactions } from '../../commands/hub/receipts/repair.js';
import { validatedWithoutTransaction } from '../../projections/hub/receipts/queries.js';
import { systemClock } from '../../platform/clock.js';
import { expiryDeps } from '../../projections/hub/claims/wiring.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const HUB_CLAIM_EXPIRY = 'hub-claim-expiry';

/**
 * claimExpiry (flow 5.4), daily: one job per period for every hub, named by the period so racing ticks queue it
 * once. Run twice it does nothing more: each claim's rejection and each debit's association are decided on their
 * own streams.
 */
export function claimExpiryWorker(ctx: WorkerContext): BackgroundWorker {
  const deps = expiryDeps(ctx.knex, ctx.store, systemClock);
  const everyMs = ctx.config.HUB_CLAIM_EXPIRY_EVERY_MS;
  return scheduledWorker(ctx, {
    name: HUB_CLAIM_EXPIRY,
    everyMs,
    keepDoneForS: Math.ceil(everyMs / 1000),
    due: (now) => Promise.resolve([{ id: `claimexpiry_${Math.floor(now.getTime() / everyMs)}`, item: { run: true } }]),
    async run(_item, now) {
      const clock = { now: () => now };
      // The daily pass also gives a validated receipt the transaction a crash kept it from (flow 4.4).
      await repairScanTransactions({ store: ctx.store, clock }, await validatedWithoutTransaction(ctx.knex, undefined));
      return expireClaims({ ...deps, clock }, ctx.config.HUB_CLAIM_EXPIRY_DAYS);
    },
  });
}
