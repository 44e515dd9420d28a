import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Logger } from '../../platform/logger.js';
import { pendingDuePage, stillPending, type PendingCursor } from '../../projections/webhooks/deliveries/queries.js';
import type { Delivery } from '../../projections/webhooks/deliveries/rows.js';
import { jobFor, type WebhookQueue } from '../../projections/webhooks/deliveries/queue.js';

const PAGE_SIZE = 1000;
const YEAR_MS = 365 * 24 * 3_600_000;

/** What reconciling works on: the truth (PostgreSQL), the queue and the Redis connection it lives on. */
export interface ReconcilerDeps {
  readonly knex: Knex;
  readonly queue: WebhookQueue;
  readonly redis: Redis;
  readonly tries: number;
}

/** The ids among `ids` whose job Redis does not hold: one pipeline of EXISTS on the job keys, one round trip. */
async function withoutJob({ queue, redis }: ReconcilerDeps, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.exists(queue.toKey(id));
  const answers = (await pipeline.exec()) ?? [];
  const missing: string[] = [];
  ids.forEach((id, i) => {
    const [error, exists] = answers[i] ?? [new Error('Redis gave no answer for a job key'), 1];
    if (error) throw error;
    if (exists === 0) missing.push(id);
  });
  return missing;
}

/** Puts back the jobs of one page's deliveries that Redis lost; answers how many. */
async function restorePage(deps: ReconcilerDeps, page: readonly Delivery[]): Promise<number> {
  const { knex, queue, tries } = deps;
  const seen = new Map(page.map((d) => [d.id, d]));
  const missing = await withoutJob(deps, [...seen.keys()]);
  // A job that ended between the two looks recorded its attempt before it left the queue: a delivery since done, or
  // moved on, keeps its state.
  const current = await stillPending(knex, missing);
  const lost = missing
    .map((id) => current.get(id))
    .filter((d): d is Delivery => d !== undefined && d.attempts === seen.get(d.id)?.attempts);
  // A job id that is back in the queue meanwhile (the dispatcher, another process) makes its add a no-op.
  if (lost.length > 0) await queue.addBulk(lost.map((d) => jobFor(d, tries, d.nextAttemptAt.getTime() - Date.now())));
  return lost.length;
}

/**
 * PostgreSQL is the truth, Redis the means: a pending delivery whose job is gone
 * (Redis lost its data, a crash between commit and enqueue) gets its job back,
 * with the tries its round has left and at the time it was due. Every pending
 * delivery is looked at, a page at a time.
 */
export async function reconcileDeliveries(
  deps: ReconcilerDeps,
  horizonMs = YEAR_MS,
  pageSize = PAGE_SIZE,
): Promise<number> {
  const dueBefore = new Date(Date.now() + horizonMs);
  let restored = 0;
  let after: PendingCursor | undefined;
  do {
    const page = await pendingDuePage(deps.knex, dueBefore, after, pageSize);
    restored += await restorePage(deps, page.deliveries);
    after = page.next;
  } while (after);
  return restored;
}

/**
 * Whether Redis lost the queue since the last look: a sentinel key beside the
 * queue's keys goes with them (FLUSHALL, FLUSHDB, a restart without persistence).
 * Set only when absent, so after a loss one process sees it and reconciles for all.
 */
function queueLossSentinel({ queue, redis }: ReconcilerDeps): () => Promise<boolean> {
  const key = queue.toKey('alive');
  const startId = randomUUID();
  return async () => (await redis.set(key, startId, 'NX')) === 'OK';
}

export interface ReconcilerTiming {
  /** The backstop: a full reconcile this often whatever happens. */
  readonly everyMs: number;
  /** How often the sentinel is looked at (one SET NX). */
  readonly watchMs?: number;
}

/**
 * Runs the reconciler at start, within `watchMs` of Redis losing the queue, when
 * the connection comes back (a restart may have kept an older snapshot), and every
 * `everyMs` as the backstop. One run at a time; a failed run is tried again with a
 * doubling pause, up to `everyMs`. The returned stop waits for a run under way.
 */
export function startReconciler(deps: ReconcilerDeps, logger: Logger, timing: ReconcilerTiming): () => Promise<void> {
  const watchMs = timing.watchMs ?? 1000;
  const lost = queueLossSentinel(deps);
  let stopped = false;
  let wanted = false;
  let failures = 0;
  let retryAt = Infinity;
  let running: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    while (wanted && !stopped) {
      wanted = false;
      try {
        const restored = await reconcileDeliveries(deps);
        failures = 0;
        retryAt = Infinity;
        if (restored > 0) logger.warn({ restored }, 'webhook deliveries re-enqueued');
      } catch (err) {
        if (stopped) return;
        failures++;
        retryAt = Date.now() + Math.min(timing.everyMs, watchMs * 2 ** failures);
        logger.warn({ err: (err as Error).message, failures }, 'webhook reconciliation failed');
      }
    }
  };
  const kick = (): void => {
    wanted = true;
    running ??= drain().finally(() => {
      running = undefined;
      // A kick between the loop's last look and here would be lost otherwise.
      if (wanted && !stopped) kick();
    });
  };

  let looking = false;
  const watch = setInterval(() => {
    if (Date.now() >= retryAt) {
      retryAt = Infinity;
      kick();
    }
    if (looking) return;
    looking = true;
    lost()
      .then((gone) => {
        if (!gone || stopped) return;
        logger.warn('the webhook queue was lost from Redis: reconciling now');
        kick();
      })
      // Redis is away: its 'ready' on reconnecting brings the next run.
      .catch(() => undefined)
      .finally(() => (looking = false));
  }, watchMs);
  const backstop = setInterval(kick, timing.everyMs);
  const reconnected = (): void => kick();
  deps.redis.on('ready', reconnected);
  // The first look marks the queue as seen, so only a later loss counts; the run reconciles what a previous process
  // left.
  void lost()
    .catch(() => undefined)
    .finally(kick);

  return async () => {
    stopped = true;
    clearInterval(watch);
    clearInterval(backstop);
    deps.redis.off('ready', reconnected);
    await running;
  };
}
