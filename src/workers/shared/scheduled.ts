import { Queue, Worker, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../platform/config.js';
import { createRedis } from '../../platform/redis.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

/** A job's own fields; BullMQ keeps them as JSON, so only plain values. */
export type JobData = Record<string, string | number | boolean | null>;

/** One item found due: `id` names it and its period (and attempt), so every process queues it under the same job id. */
export interface Due<T extends JobData> {
  readonly id: string;
  readonly item: T;
}

/**
 * Periodic work over what is due: bank sync, store lists, payouts, billing.
 * Each tick asks `due(now)`, queues one BullMQ job per item under the item's id
 * (ticks of several processes racing on one queue add it once), and `run`
 * handles a job with the tick's clock.
 */
export interface Schedule<T extends JobData> {
  /** The queue's name, also the worker's name. */
  readonly name: string;
  readonly everyMs: number;
  due(now: Date): Promise<ReadonlyArray<Due<T>>>;
  /** Must leave the same final state when run twice (a retry, a crash, two deployments). */
  run(item: T, now: Date): Promise<unknown>;
  /**
   * Tries per job, the pauses doubling from `backoffMs`; one try by default (the next tick finds the item due again).
   */
  readonly retry?: { readonly attempts: number; readonly backoffMs: number };
  /** How long a done job's id is kept, so a late tick cannot queue it again; removed at once by default. */
  readonly keepDoneForS?: number;
  readonly concurrency?: number;
  /** How long a tick waits for its jobs (they still run after). */
  readonly waitMs?: number;
}

export type ScheduledContext = Pick<WorkerContext, 'redis' | 'logger' | 'queuePrefix'> & {
  readonly config: Pick<Config, 'REDIS_URL'>;
};

const UNFINISHED = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);
const POLL_MS = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A BackgroundWorker for a schedule: start() ticks every `everyMs` (a first
 * tick at once, in the background), tick(now) queues what is due and resolves
 * once those jobs are done (or `waitMs` passed) to how many it queued, and
 * stop() stops ticking, lets running jobs finish, then closes the queue.
 */
export function scheduledWorker<T extends JobData>(ctx: ScheduledContext, schedule: Schedule<T>): BackgroundWorker {
  const prefix = ctx.queuePrefix ? { prefix: ctx.queuePrefix } : {};
  const log = ctx.logger.child({ worker: schedule.name });
  const queue = new Queue<JobData, unknown, string>(schedule.name, { connection: ctx.redis, ...prefix });
  queue.on('error', (err) => log.warn({ err: err.message }, 'queue error'));
  const { attempts, backoffMs } = schedule.retry ?? { attempts: 1, backoffMs: 0 };
  const jobOptions: JobsOptions = {
    attempts,
    ...(attempts > 1 ? { backoff: { type: 'exponential', delay: backoffMs } } : {}),
    // Removed when failed, so a later tick can queue the same item again.
    removeOnComplete: schedule.keepDoneForS ? { age: schedule.keepDoneForS } : true,
    removeOnFail: true,
  };
  let worker: Worker<JobData> | undefined;
  let connection: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  const ticking = new Set<Promise<unknown>>();

  const consume = (): void => {
    if (worker || stopping) return;
    connection = createRedis(ctx.config.REDIS_URL, { forWorkers: true });
    worker = new Worker<JobData>(
      schedule.name,
      ({ data: { now, ...item } }) => schedule.run(item as T, new Date(String(now))),
      {
        connection,
        concurrency: schedule.concurrency ?? 4,
        ...prefix,
      },
    );
    worker.on('error', (err) => log.warn({ err: err.message }, 'worker error'));
    worker.on('failed', (job, err) =>
      log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
    );
  };

  async function settled(ids: readonly string[]): Promise<void> {
    const deadline = Date.now() + (schedule.waitMs ?? 120_000);
    let pending = [...ids];
    while (pending.length > 0 && Date.now() < deadline && !stopping) {
      const states = await Promise.all(pending.map((id) => queue.getJobState(id)));
      pending = pending.filter((_id, i) => UNFINISHED.has(states[i]!));
      if (pending.length > 0) await sleep(POLL_MS);
    }
  }

  async function tick(now: Date): Promise<number> {
    consume();
    const due = await schedule.due(now);
    if (due.length === 0 || stopping) return 0;
    const jobs = due.map(({ id, item }) => ({
      name: schedule.name,
      data: { ...item, now: now.toISOString() },
      opts: { ...jobOptions, jobId: id },
    }));
    await queue.addBulk(jobs);
    await settled(due.map((d) => d.id));
    return jobs.length;
  }

  const tickInBackground = (): void => {
    const pass = tick(new Date()).catch((err: unknown) =>
      log.warn({ err: err instanceof Error ? err.message : String(err) }, 'tick failed'),
    );
    ticking.add(pass);
    void pass.finally(() => ticking.delete(pass));
  };

  return {
    name: schedule.name,
    start() {
      consume();
      timer = setInterval(tickInBackground, schedule.everyMs);
      timer.unref();
      // The first pass runs in the background: a long backlog must not hold the process's start.
      tickInBackground();
      return Promise.resolve();
    },
    tick,
    async stop() {
      stopping = true;
      clearInterval(timer);
      // close() waits for the jobs under way; the ticks stop waiting on theirs.
      await worker?.close();
      await Promise.all(ticking);
      await queue.close();
      connection?.disconnect();
    },
  };
}
