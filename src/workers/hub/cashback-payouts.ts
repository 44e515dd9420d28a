import { catchUpCashbackProcess } from '../../commands/hub/cashbacks/process.js';
import { settleCashback, STUCK_SUBMISSION_MS, submitCashback } from '../../commands/hub/cashbacks/payout.js';
import {
  cashbacksToSettle,
  cashbacksToSubmit,
  hubsWithCashbacksToSettle,
  hubsWithCashbacksToSubmit,
} from '../../projections/hub/cashbacks/queries.js';
import { cashbackDeps, cashbackProcessDeps } from '../../projections/hub/cashbacks/wiring.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const HUB_CASHBACK_SUBMIT = 'hub-cashback-submit';
export const HUB_CASHBACK_SETTLE = 'hub-cashback-settle';
export const HUB_CASHBACK_PROCESS = 'hub-cashback-process';

const depsOf = (ctx: WorkerContext, now: Date) => cashbackDeps(ctx.knex, ctx.store, { now: () => now }, ctx.config);

type CashbackDeps = ReturnType<typeof depsOf>;

/** A daily worker with one job per hub that has cashbacks due (`job` names it, with the tick's time). */
const perHubWorker = (
  ctx: WorkerContext,
  name: string,
  job: string,
  everyMs: number,
  hubs: (now: Date) => Promise<string[]>,
  run: (deps: CashbackDeps, hubId: string, now: Date) => Promise<number>,
): BackgroundWorker =>
  scheduledWorker(ctx, {
    name,
    everyMs,
    concurrency: 2,
    due: async (now) => (await hubs(now)).map((hubId) => ({ id: `${job}_${hubId}_${now.getTime()}`, item: { hubId } })),
    run: ({ hubId }, now) => run(depsOf(ctx, now), hubId, now),
  });

/**
 * cashbackSubmit (flow 3.7): daily, one job per hub with cashbacks due (new, held, a failed one whose retry time came,
 * a submission cut short). Two workers on one hub submit each payout once: the submission is decided on the cashback's
 * stream at its expected revision before the port is called, with the attempt's idempotency key.
 */
export const cashbackSubmitWorker = (ctx: WorkerContext): BackgroundWorker =>
  perHubWorker(
    ctx,
    HUB_CASHBACK_SUBMIT,
    'cashbacksubmit',
    ctx.config.HUB_CASHBACK_SUBMIT_EVERY_MS,
    (now) => hubsWithCashbacksToSubmit(ctx.knex, now, STUCK_SUBMISSION_MS),
    async (deps, hubId, now) => {
      const outcomes: string[] = [];
      for (const id of await cashbacksToSubmit(ctx.knex, hubId, now, STUCK_SUBMISSION_MS))
        outcomes.push(await submitCashback(deps, id));
      return outcomes.length;
    },
  );

/** cashbackSettle: asks the provider about each accepted transfer; a settled one is RECEIVED. */
export const cashbackSettleWorker = (ctx: WorkerContext): BackgroundWorker =>
  perHubWorker(
    ctx,
    HUB_CASHBACK_SETTLE,
    'cashbacksettle',
    ctx.config.HUB_CASHBACK_SETTLE_EVERY_MS,
    () => hubsWithCashbacksToSettle(ctx.knex),
    async (deps, hubId) => {
      let received = 0;
      for (const id of await cashbacksToSettle(ctx.knex, hubId))
        if ((await settleCashback(deps, id)) === 'received') received++;
      return received;
    },
  );

/**
 * The cashback process (contract items 3, 4, flow 1.8): reads the log from its own checkpoint, one pass per tick.
 * Two passes at once (two processes) act once: every effect is decided on the stream its cause names.
 */
export function cashbackProcessWorker(ctx: WorkerContext): BackgroundWorker {
  return scheduledWorker(ctx, {
    name: HUB_CASHBACK_PROCESS,
    everyMs: ctx.config.HUB_CASHBACK_PROCESS_EVERY_MS,
    concurrency: 1,
    due: (now) => Promise.resolve([{ id: `cashbackprocess_${now.getTime()}`, item: {} }]),
    run: (_item, now) => catchUpCashbackProcess(cashbackProcessDeps(depsOf(ctx, now), ctx.knex)),
  });
}

/** The cashback side's workers: payouts submitted and settled, and the cashback process. */
export const cashbackPayoutWorkers = (ctx: WorkerContext): BackgroundWorker[] => [
  cashbackSubmitWorker(ctx),
  cashbackSettleWorker(ctx),
  cashbackProcessWorker(ctx),
];
