import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { billPlan, type BillingJob } from '../../commands/giving/plans/billing.js';
import { planCampaignFacts } from '../../commands/giving/plans/campaign-facts.js';
import { recordDonation } from '../../commands/giving/donations/record-donation.js';
import { createRedis } from '../../platform/redis.js';
import { lazySecretBox } from '../../platform/secret-box.js';
import { duePlans, planCaughtUp, type DuePlan } from '../../projections/giving/plans/queries.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

const PLAN_BILLING = 'plan-billing';
const TICK_EVERY_MS = 60_000;
/** How long a tick waits for its jobs before giving up on them (they still run). */
const TICK_WAIT_MS = 120_000;
const UNFINISHED = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/**
 * One job per (plan, period, charge attempt): two overlapping ticks queue it
 * once. Jobs are removed when done, so a later tick can retry a failed charge;
 * a job that finds its period billed records nothing, and across queues (two
 * deployments on one database) billPlan is idempotent per (plan, period) too.
 */
const jobIdOf = (plan: DuePlan): string => `plan_${plan.id}_${plan.period}_${plan.attempt}`;

export function planBillingWorker(ctx: WorkerContext): BackgroundWorker {
  const prefix = ctx.queuePrefix ? { prefix: ctx.queuePrefix } : {};
  const queue = new Queue<BillingJob>(PLAN_BILLING, { connection: ctx.redis, ...prefix });
  queue.on('error', (err) => ctx.logger.warn({ err: err.message }, 'plan billing queue error'));
  const secrets = lazySecretBox(ctx.knex, ctx.config.SECRETS_KEY);
  let worker: Worker<BillingJob> | undefined;
  let connection: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function caughtUp(planId: string, version: bigint): Promise<void> {
    const deadline = Date.now() + ctx.config.READ_YOUR_WRITES_TIMEOUT_MS;
    while (!(await planCaughtUp(ctx.knex, planId, version)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  const consume = (): void => {
    if (worker) return;
    connection = createRedis(ctx.config.REDIS_URL, { forWorkers: true });
    worker = new Worker<BillingJob>(
      PLAN_BILLING,
      async (job) => {
        const deps = { store: ctx.store, knex: ctx.knex };
        const facts = (programId: string, campaignId: string) => planCampaignFacts(deps, programId, campaignId);
        const { outcome, version } = await billPlan({ ...deps, payments: ctx.payments, secrets: await secrets(), facts, recordDonation }, job.data);
        ctx.logger.info({ planId: job.data.planId, outcome }, 'recurring plan billing');
        // Done once the read model shows it, so the next pass sees the plan's new period and the API the new date.
        if (version !== undefined) await caughtUp(job.data.planId, version);
        return outcome;
      },
      { connection, concurrency: 4, ...prefix },
    );
    worker.on('error', (err) => ctx.logger.warn({ err: err.message }, 'plan billing worker error'));
    worker.on('failed', (job, err) => ctx.logger.warn({ planId: job?.data.planId, err: err.message }, 'recurring plan billing failed; the next tick tries again'));
  };

  async function settledAll(ids: readonly string[]): Promise<void> {
    const deadline = Date.now() + TICK_WAIT_MS;
    let pending = [...ids];
    while (pending.length > 0 && Date.now() < deadline) {
      const states = await Promise.all(pending.map((id) => queue.getJobState(id)));
      pending = pending.filter((_id, i) => UNFINISHED.has(states[i]!));
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function tick(now: Date): Promise<number> {
    consume();
    const due = await duePlans(ctx.knex, now);
    if (due.length === 0) return 0;
    const jobs = due.map((plan) => ({
      name: 'bill',
      data: { planId: plan.id, programId: plan.programId, now: now.toISOString() },
      // Removed once done, so a later tick can bill the plan's next period (or retry a failed charge).
      opts: { jobId: jobIdOf(plan), removeOnComplete: true, removeOnFail: true },
    }));
    await queue.addBulk(jobs);
    await settledAll(jobs.map((j) => j.opts.jobId));
    return jobs.length;
  }

  return {
    name: PLAN_BILLING,
    start() {
      consume();
      timer = setInterval(() => {
        tick(new Date()).catch((err: unknown) => ctx.logger.warn({ err: (err as Error).message }, 'plan billing tick failed'));
      }, TICK_EVERY_MS);
      timer.unref();
      // The first pass runs in the background: a long backlog must not hold the process's start.
      tick(new Date()).catch((err: unknown) => ctx.logger.warn({ err: (err as Error).message }, 'plan billing tick failed'));
      return Promise.resolve();
    },
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      await worker?.close();
      await queue.close();
      connection?.disconnect();
    },
  };
}
