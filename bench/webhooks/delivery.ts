import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import type { Running } from '../../src/main.js';
import type { Projection } from '../../src/projections/projection.js';
import { bar } from '../shared/progress.js';
import { percentile } from '../shared/stats.js';
import { countQueries, samplePool, type PoolSample } from './diagnose.js';
import type { Receiver } from './receiver.js';

/** One delivery round: N events appended, N signed deliveries received. */
export interface DeliveryRound {
  readonly events: number;
  /** First append called → last delivery received. */
  readonly seconds: number;
  readonly perSecond: number;
  /** Events appended per second (first call → last append resolved). */
  readonly appendPerSecond: number;
  /** Per event: append resolved (committed) → delivery received, ms. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly duplicates: number;
  readonly strays: number;
  readonly unsigned: number;
  /** Event-loop utilisation of this (the only app) thread over the round, 0..1. */
  readonly elu: number;
  /** CPU of this process over the round, in cores. */
  readonly cores: number;
  /**
   * Milliseconds the dispatcher spent in apply (in the projection's transaction) and afterCommit (reading back and
   * enqueueing).
   */
  readonly dispatchApplyMs: number;
  readonly dispatchAfterCommitMs: number;
  /** The app's knex pool over the round. */
  readonly pool: PoolSample;
  /** Statements through the app's knex per delivery (the bench's own few polls at the end included). */
  readonly queries: number;
  readonly stages: Stages;
}

/** Medians from the rows: event committed → delivery row written → attempt started; the attempt's HTTP time. */
export interface Stages {
  readonly toDeliveryRow: number;
  readonly toAttempt: number;
  readonly http: number;
}

const registered = (programId: string, memberId: string, n: number) => ({
  id: randomUUID(),
  type: 'MemberRegistered',
  data: {
    memberId,
    programId,
    profile: {
      email: `m${n}-${memberId}@bench.example.org`,
      firstName: 'Bench',
      lastName: String(n),
      city: 'Bordeaux',
      zipcode: '33000',
      codePartner: null,
      birthday: null,
      street: null,
      phone: null,
      picture: null,
    },
    passwordHash: 'scrypt$bench',
    registeredAt: new Date().toISOString(),
  },
  metadata: { tenantId: programId, actor: 'bench', schemaVersion: 1 },
});

/**
 * Times the dispatcher's `apply` and `afterCommit` where the runner calls them (the same object), without changing what
 * they do.
 */
export function timeDispatcher(dispatcher: Projection): { take(): { apply: number; afterCommit: number } } {
  const target = dispatcher as {
    apply?: (...args: never[]) => Promise<void>;
    afterCommit?: (...args: never[]) => Promise<void>;
  };
  let apply = 0;
  let afterCommit = 0;
  const wrap = (fn: ((...args: never[]) => Promise<void>) | undefined, add: (ms: number) => void) =>
    fn &&
    (async (...args: never[]): Promise<void> => {
      const started = performance.now();
      try {
        await fn(...args);
      } finally {
        add(performance.now() - started);
      }
    });
  target.apply = wrap(target.apply?.bind(dispatcher), (ms) => (apply += ms));
  target.afterCommit = wrap(target.afterCommit?.bind(dispatcher), (ms) => (afterCommit += ms));
  return {
    take() {
      const taken = { apply, afterCommit };
      apply = 0;
      afterCommit = 0;
      return taken;
    },
  };
}

async function stages(knex: Knex, eventIds: readonly string[]): Promise<Stages> {
  const { rows } = await knex.raw<{ rows: { to_row: number; to_attempt: number; http: number }[] }>(
    `select percentile_cont(0.5) within group (order by extract(epoch from d.created_at - e.created_at) * 1000) as to_row,
            percentile_cont(0.5) within group (order by extract(epoch from a.started_at - d.created_at) * 1000) as to_attempt,
            percentile_cont(0.5) within group (order by a.latency_ms) as http
       from gs_events e
       join gs_webhook_deliveries d on d.source_event_id = e.event_id
       join gs_webhook_attempts a on a.delivery_id = d.id and a.attempt_number = 0
      where e.event_id = any(?::uuid[])`,
    [[...eventIds]],
  );
  const row = rows[0];
  return { toDeliveryRow: Number(row?.to_row), toAttempt: Number(row?.to_attempt), http: Number(row?.http) };
}

/** Waits until the worker has recorded every delivery as delivered (it records after the answer). */
async function settled(knex: Knex, eventIds: readonly string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n } = { n: '0' }] = await knex('gs_webhook_deliveries')
      .whereIn('source_event_id', eventIds)
      .andWhere({ status: 'delivered' })
      .count<{ n: string }[]>('* as n');
    if (Number(n) >= eventIds.length) return;
    if (Date.now() > deadline)
      throw new Error(`${n} of ${eventIds.length} deliveries recorded as delivered within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Appends `count` MemberRegistered events, each its own stream, `concurrency` at a time; notes when each append
 * resolved.
 */
export async function appendEvents(
  running: Running,
  programId: string,
  count: number,
  concurrency: number,
  before: (memberIds: readonly string[]) => void = () => undefined,
) {
  const store = running.infra.store;
  const memberIds = Array.from({ length: count }, () => randomUUID());
  const events = memberIds.map((id, n) => registered(programId, id, n));
  const appended = new Map<string, number>();
  before(memberIds);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < events.length; i = next++) {
        await store.append(`member-${memberIds[i]!}`, [events[i]!], { expectedRevision: 'no_stream' });
        appended.set(memberIds[i]!, performance.now());
      }
    }),
  );
  return { memberIds, eventIds: events.map((e) => e.id), appended, started, done: performance.now() };
}

export async function deliveryRound(
  label: string,
  running: Running,
  programId: string,
  receiver: Receiver,
  dispatch: ReturnType<typeof timeDispatcher>,
  options: { events: number; appendConcurrency: number; timeoutMs: number },
): Promise<DeliveryRound> {
  const progress = bar(label, options.events);
  const watch = setInterval(() => progress.update(receiver.receipts.size), 200);
  dispatch.take();
  const pool = samplePool(running.infra.knex);
  const queries = countQueries(running.infra.knex);
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  let a: Awaited<ReturnType<typeof appendEvents>>;
  try {
    a = await appendEvents(running, programId, options.events, options.appendConcurrency, (ids) =>
      receiver.expect(ids),
    );
    await receiver.whenComplete(options.timeoutMs);
  } finally {
    clearInterval(watch);
    progress.stop();
  }
  const poolSample = pool.stop();
  const last = Math.max(...receiver.receipts.values());
  const wall = performance.now() - a.started;
  const elu = performance.eventLoopUtilization(elu0).utilization;
  const cpu = process.cpuUsage(cpu0);
  const { apply, afterCommit } = dispatch.take();
  const latencies = a.memberIds.map((id) => receiver.receipts.get(id)! - a.appended.get(id)!);
  const seconds = (last - a.started) / 1000;
  await settled(running.infra.knex, a.eventIds, 60_000);
  const statements = queries.stop();
  return {
    events: options.events,
    seconds,
    perSecond: options.events / seconds,
    appendPerSecond: options.events / ((a.done - a.started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    duplicates: receiver.duplicates(),
    strays: receiver.strays(),
    unsigned: receiver.unsigned(),
    elu,
    cores: (cpu.user + cpu.system) / 1000 / wall,
    dispatchApplyMs: apply,
    dispatchAfterCommitMs: afterCommit,
    pool: poolSample,
    queries: statements / options.events,
    stages: await stages(running.infra.knex, a.eventIds),
  };
}
