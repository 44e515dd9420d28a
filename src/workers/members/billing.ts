import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { billDuePeriods, type BillingWorkerDeps } from '../../commands/members/bill-subscription.js';
import { paymentMethods } from '../../commands/members/payment-methods.js';
import { createRedis } from '../../platform/redis.js';
import { lazySecretBox } from '../../platform/secret-box.js';
import { dueSubscriptions, type DueSubscription } from '../../projections/members/donations.js';
import { findProgram } from '../../projections/tenancy/programs.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const MEMBER_BILLING = 'member-billing';
const TICK_MS = 60_000;
/** Completed jobs are kept a day, so a second scheduler adding the same job id adds nothing. */
const KEEP_COMPLETED_S = 24 * 3600;

interface BillingJob {
  readonly memberId: string;
  readonly programId: string;
  /** The clock of the tick that found the period due, ISO 8601. */
  readonly now: string;
}

/** One job per (member, period, attempt): ticks racing on one queue share it. BullMQ ids may not hold ':'. */
const jobIdOf = (due: DueSubscription): string => `bill_${due.memberId}_${due.dueAt.getTime()}_${due.attempt}`;

/**
 * Charges each active subscription when its next period falls due. tick(now)
 * enqueues what is due and waits for it; two schedulers (or two apps) billing
 * at once charge once: same provider key, and the decider records a period
 * only while it is still the one due.
 */
export function memberBillingWorker(ctx: WorkerContext): BackgroundWorker {
  const prefix = ctx.queuePrefix ? { prefix: ctx.queuePrefix } : {};
  const queue = new Queue<BillingJob>(MEMBER_BILLING, { connection: ctx.redis, ...prefix });
  queue.on('error', (err) => ctx.logger.warn({ err: err.message }, 'billing queue error'));
  const deps: BillingWorkerDeps = {
    store: ctx.store,
    payments: ctx.payments,
    paymentMethods: paymentMethods(ctx.knex, lazySecretBox(ctx.knex, ctx.config.SECRETS_KEY)),
    async causeSharePercent(programId) {
      const program = await findProgram(ctx.knex, programId);
      if (!program) throw new Error(`program ${programId} not found`);
      return program.settings.causeSharePercent;
    },
  };
  let worker: Worker<BillingJob, number> | undefined;
  let events: QueueEvents | undefined;
  let timer: NodeJS.Timeout | undefined;

  function consume(): { worker: Worker<BillingJob, number>; events: QueueEvents } {
    if (!worker) {
      worker = new Worker<BillingJob, number>(MEMBER_BILLING, (job: Job<BillingJob>) => billDuePeriods(deps, job.data.memberId, job.data.programId, new Date(job.data.now)), {
        connection: createRedis(ctx.config.REDIS_URL, { forWorkers: true }),
        concurrency: 4,
        ...prefix,
      });
      worker.on('error', (err) => ctx.logger.warn({ err: err.message }, 'billing worker error'));
      worker.on('failed', (job, err) => ctx.logger.warn({ memberId: job?.data.memberId, err: err.message }, 'billing job failed'));
    }
    if (!events) {
      events = new QueueEvents(MEMBER_BILLING, { connection: createRedis(ctx.config.REDIS_URL, { forWorkers: true }), ...prefix });
      events.on('error', (err) => ctx.logger.warn({ err: err.message }, 'billing events error'));
    }
    return { worker, events };
  }

  async function tick(now: Date): Promise<number> {
    const { events: listening } = consume();
    const due = await dueSubscriptions(ctx.knex, now);
    if (due.length === 0) return 0;
    const jobs = await queue.addBulk(
      due.map((d) => ({
        name: 'bill',
        data: { memberId: d.memberId, programId: d.programId, now: now.toISOString() },
        opts: { jobId: jobIdOf(d), attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: KEEP_COMPLETED_S }, removeOnFail: true },
      })),
    );
    const settled = await Promise.allSettled(jobs.map((job) => job.waitUntilFinished(listening)));
    for (const failed of settled.filter((s) => s.status === 'rejected')) ctx.logger.warn({ err: String(failed.reason) }, 'a billing job did not finish');
    return settled.filter((s) => s.status === 'fulfilled').length;
  }

  return {
    name: MEMBER_BILLING,
    start() {
      consume();
      timer = setInterval(() => {
        tick(new Date()).catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'billing tick failed'));
      }, TICK_MS);
      timer.unref();
      void tick(new Date()).catch((err: unknown) => ctx.logger.warn({ err: String(err) }, 'billing tick failed'));
      return Promise.resolve();
    },
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      const [closingWorker, closingEvents] = [worker, events];
      worker = undefined;
      events = undefined;
      await closingWorker?.close();
      (closingWorker?.opts.connection as Redis | undefined)?.disconnect();
      await closingEvents?.close();
      (closingEvents?.opts.connection as Redis | undefined)?.disconnect();
      await queue.close();
    },
  };
}
