import pg from 'pg';
import type { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { categoryOf, type NewEvent } from '../../src/platform/eventstore/types.js';
import { newEvent, newStreamName } from './data.js';
import { timedBar } from '../shared/progress.js';
import { RAW_TABLE } from './setup.js';
import { percentile } from '../shared/stats.js';

/** What one timed run did: operations, rows written, wall time and each operation's latency (ms). */
export interface Throughput {
  readonly ops: number;
  readonly rows: number;
  readonly seconds: number;
  readonly latencies: number[];
}

export const perSecond = (t: Throughput): number => t.rows / t.seconds;
export const p50 = (t: Throughput): number => percentile(t.latencies, 50);
export const p99 = (t: Throughput): number => percentile(t.latencies, 99);

/**
 * `concurrency` loops, each awaiting `op` again and again until `seconds` have
 * passed. The time is taken when the last operation in flight has finished.
 */
export async function timed(
  label: string,
  seconds: number,
  concurrency: number,
  op: (worker: number) => Promise<number>,
): Promise<Throughput> {
  const progress = timedBar(label, seconds);
  const latencies: number[] = [];
  let ops = 0;
  let rows = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          // Not `rows += await op()`: that would read `rows` before the await and lose the other loops' counts.
          const written = await op(worker);
          latencies.push(performance.now() - t0);
          rows += written;
          ops++;
        }
      }),
    );
  } finally {
    progress.stop();
  }
  return { ops, rows, seconds: (performance.now() - started) / 1000, latencies };
}

const COLUMNS = 'event_id, stream_name, stream_revision, category, type, data, metadata';

/** Baseline: one single-row INSERT per transaction, a named prepared statement. */
export function rawInsert(pool: pg.Pool): () => Promise<number> {
  const text = `insert into ${RAW_TABLE} (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7)`;
  return async () => {
    const stream = newStreamName();
    const e = newEvent();
    await pool.query({
      name: 'bench_raw_insert',
      text,
      values: [e.id, stream, 0, categoryOf(stream), e.type, e.data, e.metadata],
    });
    return 1;
  };
}

/** For reference: the same rows `size` to an INSERT, as the store's batched append sends them. */
export function rawBatchInsert(pool: pg.Pool, size: number): () => Promise<number> {
  const text = `insert into ${RAW_TABLE} (${COLUMNS})
    select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])`;
  return async () => {
    const stream = newStreamName();
    const events = Array.from({ length: size }, newEvent);
    await pool.query({
      name: 'bench_raw_batch',
      text,
      values: [
        events.map((e) => e.id),
        events.map(() => stream),
        events.map((_, i) => i),
        events.map(() => categoryOf(stream)),
        events.map((e) => e.type),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata ?? {})),
      ],
    });
    return size;
  };
}

interface OwnStream {
  readonly name: string;
  revision: bigint;
}

/**
 * Appends through the store: every other append starts a new stream ('no_stream'),
 * the others go to one of the writer's own streams with its exact revision, so
 * writers never conflict and every expected revision is right.
 */
export function storeAppend(
  store: PostgresEventStore,
  concurrency: number,
  size: number,
): (worker: number) => Promise<number> {
  const writers = Array.from({ length: concurrency }, () => ({ streams: [] as OwnStream[], fresh: false }));
  return async (worker) => {
    const w = writers[worker]!;
    w.fresh = !w.fresh;
    const events: NewEvent[] = Array.from({ length: size }, newEvent);
    if (w.fresh || w.streams.length === 0) {
      const name = newStreamName();
      const result = await store.append(name, events, { expectedRevision: 'no_stream' });
      w.streams.push({ name, revision: result.nextRevision });
    } else {
      const stream = w.streams[Math.floor(Math.random() * w.streams.length)]!;
      const result = await store.append(stream.name, events, { expectedRevision: stream.revision });
      stream.revision = result.nextRevision;
    }
    return size;
  };
}

export interface AppendRounds {
  readonly rawInsert: Throughput[];
  readonly single: Throughput[];
  readonly rawBatch: Throughput[];
  readonly batch: Throughput[];
}

export interface AppendDeps {
  readonly databaseUrl: string;
  readonly store: PostgresEventStore;
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly warmupSeconds: number;
  readonly concurrency: number;
  readonly batch: number;
  readonly report: (line: string) => void;
}

/** Interleaved rounds: raw insert, single append, raw batch, batched append, again and again. */
export async function appendRounds(d: AppendDeps): Promise<AppendRounds> {
  const pool = new pg.Pool({ connectionString: d.databaseUrl, max: d.concurrency });
  const out: AppendRounds = { rawInsert: [], single: [], rawBatch: [], batch: [] };
  try {
    const subjects = [
      { key: 'rawInsert', label: 'raw INSERT', op: rawInsert(pool) },
      { key: 'single', label: 'store.append ×1', op: storeAppend(d.store, d.concurrency, 1) },
      { key: 'rawBatch', label: `raw INSERT ×${d.batch}`, op: rawBatchInsert(pool, d.batch) },
      { key: 'batch', label: `store.append ×${d.batch}`, op: storeAppend(d.store, d.concurrency, d.batch) },
    ] as const;
    for (const s of subjects) await timed(`warm-up ${s.label}`, d.warmupSeconds, d.concurrency, s.op);
    for (let round = 1; round <= d.rounds; round++) {
      const cells: string[] = [];
      for (const s of subjects) {
        const t = await timed(`round ${round}/${d.rounds} ${s.label}`, d.roundSeconds, d.concurrency, s.op);
        out[s.key].push(t);
        cells.push(
          `${s.label} ${Math.round(perSecond(t)).toLocaleString('en-US')}/s p50 ${p50(t).toFixed(2)} p99 ${p99(t).toFixed(2)} max ${Math.max(...t.latencies).toFixed(0)} ms`,
        );
      }
      d.report(`  round ${round}: ${cells.join(' | ')}`);
    }
  } finally {
    await pool.end();
  }
  return out;
}
