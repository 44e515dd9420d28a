import type { Knex } from 'knex';
import pg from 'pg';
import type { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { START, type Position } from '../../src/platform/eventstore/position.js';
import { bar } from '../shared/progress.js';
import { median } from '../shared/stats.js';

/** A fixed run of events to read: the same work whatever the size of the log. */
export interface Slice {
  readonly name: string;
  /** Exclusive, for the raw read by primary key. */
  readonly afterSeq: number;
  /** Exclusive, for readAll. */
  readonly after: Position;
  readonly count: number;
}

/** The first `count` events, and `count` events from the middle of the log. */
export async function slicesOf(knex: Knex, total: number, count: number): Promise<Slice[]> {
  const mid = Math.floor(total / 2);
  const { rows } = await knex.raw<{ rows: { txid: string; seq: string }[] }>(
    'select transaction_id::text as txid, seq::text as seq from gs_events where seq = ?',
    [mid],
  );
  const row = rows[0];
  if (!row) throw new Error(`no event with seq ${mid}`);
  return [
    { name: 'start', afterSeq: 0, after: START, count },
    { name: 'middle', afterSeq: mid, after: { commit: BigInt(row.txid), prepare: BigInt(row.seq) }, count },
  ];
}

const RAW_READ = `
  select seq, transaction_id, event_id, stream_name, stream_revision, category, type, data, metadata, created_at
  from gs_events where seq > $1 order by seq limit $2`;

/** Baseline: pages by primary key range, as fast as PostgreSQL and pg hand rows over. */
export async function rawRead(pool: pg.Pool, slice: Slice, page: number): Promise<number> {
  let after = String(slice.afterSeq);
  let read = 0;
  const started = performance.now();
  while (read < slice.count) {
    const { rows } = await pool.query<{ seq: string }>({
      name: 'bench_raw_read',
      text: RAW_READ,
      values: [after, Math.min(page, slice.count - read)],
    });
    if (rows.length === 0) break;
    read += rows.length;
    after = rows.at(-1)!.seq;
  }
  const seconds = (performance.now() - started) / 1000;
  if (read !== slice.count)
    throw new Error(`raw read of the ${slice.name} slice found ${read} of ${slice.count} events`);
  return seconds;
}

/** Subject: `store.readAll` paging through the same number of events. */
export async function storeRead(store: PostgresEventStore, slice: Slice, page: number): Promise<number> {
  let from = slice.after;
  let read = 0;
  const started = performance.now();
  while (read < slice.count) {
    const result = await store.readAll({ from, maxCount: Math.min(page, slice.count - read) });
    read += result.events.length;
    from = result.next;
    if (result.events.length === 0) break;
  }
  const seconds = (performance.now() - started) / 1000;
  if (read !== slice.count)
    throw new Error(`readAll of the ${slice.name} slice found ${read} of ${slice.count} events`);
  return seconds;
}

/** Events per second of each round, over both slices, and per slice. */
export interface ReadRounds {
  readonly raw: number[];
  readonly store: number[];
  readonly rawBySlice: Record<string, number[]>;
  readonly storeBySlice: Record<string, number[]>;
}

/** One log to read: a database, its store and how many events it holds. */
export interface ReadTarget {
  readonly label: string;
  readonly databaseUrl: string;
  readonly knex: Knex;
  readonly store: PostgresEventStore;
  readonly total: number;
}

export interface ReadDeps {
  readonly sliceSize: number;
  readonly page: number;
  readonly rounds: number;
  readonly report: (line: string) => void;
}

interface Subject {
  readonly kind: 'raw' | 'store';
  readonly label: string;
  readonly target: ReadTarget;
  readonly slices: Slice[];
  readonly read: (slice: Slice) => Promise<number>;
  readonly out: ReadRounds;
}

/**
 * Rounds in which every target is read the raw way, then through readAll, each
 * over the same slices; a first round warms caches and statements and is not
 * counted. The order of the targets flips every round so neither always goes first.
 */
export async function readRounds(targets: readonly ReadTarget[], d: ReadDeps): Promise<ReadRounds[]> {
  const pools = targets.map((t) => new pg.Pool({ connectionString: t.databaseUrl, max: 1 }));
  const subjects: Subject[][] = [];
  for (const [i, target] of targets.entries()) {
    const slices = await slicesOf(target.knex, target.total, d.sliceSize);
    const out: ReadRounds = { raw: [], store: [], rawBySlice: {}, storeBySlice: {} };
    subjects.push([
      {
        kind: 'raw',
        label: `raw read @${target.label}`,
        target,
        slices,
        out,
        read: (s) => rawRead(pools[i]!, s, d.page),
      },
      {
        kind: 'store',
        label: `readAll @${target.label}`,
        target,
        slices,
        out,
        read: (s) => storeRead(target.store, s, d.page),
      },
    ]);
  }
  const steps = (d.rounds + 1) * targets.length * 2 * 2;
  const progress = bar(`reads at ${targets.map((t) => t.label).join(' and ')}`, steps);
  let step = 0;
  try {
    for (let round = 0; round <= d.rounds; round++) {
      const order = round % 2 === 0 ? subjects : [...subjects].reverse();
      const cells: string[] = [];
      for (const subject of order.flat()) {
        let seconds = 0;
        let events = 0;
        const parts: string[] = [];
        for (const slice of subject.slices) {
          const s = await subject.read(slice);
          progress.update(++step);
          seconds += s;
          events += slice.count;
          if (round > 0)
            ((subject.kind === 'raw' ? subject.out.rawBySlice : subject.out.storeBySlice)[slice.name] ??= []).push(
              slice.count / s,
            );
          parts.push(`${slice.name} ${Math.round(slice.count / s).toLocaleString('en-US')}`);
        }
        if (round === 0) continue;
        subject.out[subject.kind].push(events / seconds);
        cells.push(`${subject.label} ${Math.round(events / seconds).toLocaleString('en-US')} (${parts.join(', ')})`);
      }
      if (round > 0) d.report(`  round ${round}: ${cells.join(' | ')}`);
    }
  } finally {
    progress.stop();
    await Promise.all(pools.map((p) => p.end()));
  }
  return subjects.map((s) => s[0]!.out);
}

export function describeSlices(r: ReadRounds): string {
  const names = Object.keys(r.rawBySlice);
  return names
    .map((n) => {
      const raw = median(r.rawBySlice[n] ?? []);
      const store = median(r.storeBySlice[n] ?? []);
      return `${n}: raw ${Math.round(raw).toLocaleString('en-US')} / readAll ${Math.round(store).toLocaleString('en-US')} ev/s (${((store / raw) * 100).toFixed(0)}%)`;
    })
    .join('; ');
}
