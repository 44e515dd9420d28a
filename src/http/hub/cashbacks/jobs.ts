import { catchUpCashbackProcess } from '../../../commands/hub/cashbacks/process.js';
import { settleCashback, STUCK_SUBMISSION_MS, submitCashback } from '../../../commands/hub/cashbacks/payout.js';
import { HUB_CASHBACKS_PROJECTION } from '../../../projections/hub/cashbacks/projection.js';
import {
  cashbacksToSettle,
  cashbacksToSubmit,
  hubsWithCashbacksToSettle,
  hubsWithCashbacksToSubmit,
} from '../../../projections/hub/cashbacks/queries.js';
import { cashbackDeps, cashbackProcessDeps } from '../../../projections/hub/cashbacks/wiring.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';

export const CASHBACK_JOBS = ['cashbackSubmit', 'cashbackSettle'] as const;
export type CashbackJob = (typeof CASHBACK_JOBS)[number];
export const isCashbackJob = (name: string): name is CashbackJob => (CASHBACK_JOBS as readonly string[]).includes(name);

const count = (outcomes: readonly string[], outcome: string) => outcomes.filter((o) => o === outcome).length;

/**
 * executeJob's cashbackSubmit and cashbackSettle, run now for one hub or every hub: the cashback process catches up
 * first (completed rewards become cashbacks), then each due cashback is submitted (or held) or asked about, and the
 * answer waits for the read model.
 */
export function cashbackJobs(ctx: ApiContext) {
  const deps = cashbackDeps(ctx.knex, ctx.store, ctx.clock, ctx.config);
  const processDeps = cashbackProcessDeps(deps, ctx.knex);
  const settled = readYourWrites(ctx, [HUB_CASHBACKS_PROJECTION]);
  const caughtUp = async () => settled(await ctx.store.headPosition());

  async function submit(hubId: string | undefined) {
    await caughtUp();
    const requested = await catchUpCashbackProcess(processDeps);
    await caughtUp();
    const now = ctx.clock.now();
    const hubs = hubId !== undefined ? [hubId] : await hubsWithCashbacksToSubmit(ctx.knex, now, STUCK_SUBMISSION_MS);
    const outcomes: string[] = [];
    for (const hub of hubs)
      for (const id of await cashbacksToSubmit(ctx.knex, hub, now, STUCK_SUBMISSION_MS))
        outcomes.push(await submitCashback(deps, id));
    await caughtUp();
    return {
      processed: requested,
      submitted: count(outcomes, 'submitted'),
      held: count(outcomes, 'held'),
      rejected: count(outcomes, 'rejected'),
    };
  }

  async function settle(hubId: string | undefined) {
    await caughtUp();
    const hubs = hubId !== undefined ? [hubId] : await hubsWithCashbacksToSettle(ctx.knex);
    const outcomes: string[] = [];
    for (const hub of hubs)
      for (const id of await cashbacksToSettle(ctx.knex, hub)) outcomes.push(await settleCashback(deps, id));
    await caughtUp();
    // The RECEIVED ones refund their rewards (the process does it too, should this stop half-way).
    await catchUpCashbackProcess(processDeps);
    await caughtUp();
    return { received: count(outcomes, 'received'), pending: count(outcomes, 'pending') };
  }

  return (jobName: CashbackJob, hubId: string | undefined) =>
    jobName === 'cashbackSubmit' ? submit(hubId) : settle(hubId);
}
