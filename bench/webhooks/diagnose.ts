import type { Knex } from 'knex';
import type { Running } from '../../src/main.js';

/** The app's knex pool (tarn), sampled: how many connections in use, how many queries waiting for one. */
export interface PoolSample {
  readonly max: number;
  readonly meanUsed: number;
  readonly meanWaiting: number;
  readonly maxWaiting: number;
  /** Share of the samples with a query waiting for a connection. */
  readonly saturated: number;
}

interface TarnPool {
  readonly max: number;
  numUsed(): number;
  numPendingAcquires(): number;
}

export function samplePool(knex: Knex, everyMs = 10): { stop(): PoolSample } {
  const pool = (knex.client as { pool?: TarnPool }).pool;
  let n = 0;
  let used = 0;
  let waiting = 0;
  let maxWaiting = 0;
  let saturated = 0;
  const timer = setInterval(() => {
    if (!pool) return;
    const w = pool.numPendingAcquires();
    n++;
    used += pool.numUsed();
    waiting += w;
    maxWaiting = Math.max(maxWaiting, w);
    if (w > 0) saturated++;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return {
        max: pool?.max ?? Number.NaN,
        meanUsed: used / n,
        meanWaiting: waiting / n,
        maxWaiting,
        saturated: saturated / n,
      };
    },
  };
}

/**
 * Statements the app sends through its knex (transactions' BEGIN and COMMIT included; the store's appends go through a
 * pool of their own).
 */
export function countQueries(knex: Knex): { stop(): number } {
  let n = 0;
  const count = (): void => void n++;
  knex.on('query', count);
  return {
    stop() {
      knex.off('query', count);
      return n;
    },
  };
}

/**
 * The two halves of the pipeline apart: events → delivery rows (worker stopped), then the queue drained (dispatcher
 * idle).
 */
export interface Halves {
  /** Events turned into delivery rows and jobs per second, the worker stopped. */
  readonly dispatchPerSecond: number;
  /** Queued deliveries signed, sent and recorded per second, nothing else running. */
  readonly drainPerSecond: number;
  readonly drainPool: PoolSample;
  /** Statements through knex per event while dispatching, per delivery while draining. */
  readonly dispatchQueries: number;
  readonly drainQueries: number;
}

async function countDeliveries(knex: Knex, eventIds: readonly string[], status?: string): Promise<number> {
  polls++;
  const query = knex('gs_webhook_deliveries').whereIn('source_event_id', [...eventIds]);
  const [{ n } = { n: '0' }] = await (status ? query.andWhere({ status }) : query).count<{ n: string }[]>('* as n');
  return Number(n);
}

/** Statements the bench's own `countDeliveries` polls sent, subtracted from the app's. */
let polls = 0;

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now();
}

/**
 * Stops the worker, appends the events (`append` does it and returns their ids)
 * and times the dispatcher until every delivery row is written and its job
 * queued; then starts the worker and times it until all are recorded delivered.
 */
export async function measureHalves(
  running: Running,
  append: () => Promise<{ eventIds: readonly string[]; started: number }>,
  timeoutMs: number,
): Promise<Halves> {
  const { knex } = running.infra;
  await running.webhooks.stopWorker();
  let eventIds: readonly string[] = [];
  let dispatched: number;
  let dispatchStarted: number;
  const dispatchCount = countQueries(knex);
  let dispatchQueries: number;
  const polls0 = polls;
  try {
    const appended = await append();
    eventIds = appended.eventIds;
    dispatchStarted = appended.started;
    const total = eventIds.length;
    await until(async () => (await countDeliveries(knex, eventIds)) >= total, timeoutMs, 'dispatch');
    // The rows are in; their jobs follow in afterCommit, once per page.
    dispatched = await until(
      async () => (await running.webhooks.queue.getWaitingCount()) >= total,
      timeoutMs,
      'enqueue',
    );
  } finally {
    dispatchQueries = dispatchCount.stop() - (polls - polls0);
    await running.webhooks.startWorker();
  }
  const drainStarted = performance.now();
  const pool = samplePool(knex);
  const drainCount = countQueries(knex);
  let drainQueries = 0;
  const polls1 = polls;
  const drained = await until(
    async () => (await countDeliveries(knex, eventIds, 'delivered')) >= eventIds.length,
    timeoutMs,
    'drain',
  ).finally(() => {
    pool.stop();
    drainQueries = drainCount.stop() - (polls - polls1);
  });
  return {
    dispatchPerSecond: eventIds.length / ((dispatched - dispatchStarted) / 1000),
    drainPerSecond: eventIds.length / ((drained - drainStarted) / 1000),
    drainPool: pool.stop(),
    dispatchQueries: dispatchQueries / eventIds.length,
    drainQueries: drainQueries / eventIds.length,
  };
}
