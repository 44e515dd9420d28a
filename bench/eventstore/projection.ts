import type { Knex } from 'knex';
import pg from 'pg';
import { pino } from 'pino';
import type { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import type { Position } from '../../src/platform/eventstore/position.js';
import type { RecordedEvent } from '../../src/platform/eventstore/types.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Projection } from '../../src/projections/projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { EVENT_TYPES } from './data.js';
import { bar } from '../shared/progress.js';
import { rawRead, type Slice } from './reads.js';
import { READ_MODEL_TABLE } from './setup.js';

const NAME = 'bench_stream_stats';

/** Warnings and errors of the runner, on stderr. */
const logger = createLogger('warn', pino.destination(2));

const amountOf = (event: RecordedEvent): number => {
  const amount = event.data.amount;
  return typeof amount === 'number' ? amount : 0;
};

/** Per event: one `insert … on conflict do update` each. */
export const perEventProjection: Projection = {
  name: NAME,
  version: 1,
  eventTypes: EVENT_TYPES,
  tables: [READ_MODEL_TABLE],
  async apply(trx, event) {
    await trx.raw(
      `insert into ${READ_MODEL_TABLE} (stream_name, events, amount) values (?, 1, ?)
       on conflict (stream_name) do update set events = ${READ_MODEL_TABLE}.events + 1, amount = ${READ_MODEL_TABLE}.amount + excluded.amount`,
      [event.streamName, amountOf(event)],
    );
  },
};

/** Per batch: the batch folded per stream, then one multi-row upsert. */
export const batchProjection: Projection = {
  ...perEventProjection,
  async applyBatch(trx, events) {
    const byStream = new Map<string, { events: number; amount: number }>();
    for (const event of events) {
      const sum = byStream.get(event.streamName);
      if (sum) {
        sum.events++;
        sum.amount += amountOf(event);
      } else byStream.set(event.streamName, { events: 1, amount: amountOf(event) });
    }
    if (byStream.size === 0) return;
    await trx.raw(
      `insert into ${READ_MODEL_TABLE} (stream_name, events, amount)
       select * from unnest(?::text[], ?::bigint[], ?::numeric[])
       on conflict (stream_name) do update
       set events = ${READ_MODEL_TABLE}.events + excluded.events, amount = ${READ_MODEL_TABLE}.amount + excluded.amount`,
      [[...byStream.keys()], [...byStream.values()].map((s) => s.events), [...byStream.values()].map((s) => s.amount)],
    );
  },
};

/** The position after which exactly `count` events remain in the log. */
export async function positionBeforeLast(knex: Knex, count: number): Promise<Position> {
  const { rows } = await knex.raw<{ rows: { txid: string; seq: string }[] }>(
    // Ordered by the columns, not by the text outputs of the same names.
    `select transaction_id::text as txid, seq::text as seq from gs_events
     order by gs_events.transaction_id desc, gs_events.seq desc offset ? limit 1`,
    [count],
  );
  const row = rows[0];
  return row ? { commit: BigInt(row.txid), prepare: BigInt(row.seq) } : { commit: 0n, prepare: 0n };
}

/** Empties the read model and puts the checkpoint at `from`, as if the projection had stopped there. */
async function resetTo(knex: Knex, from: Position): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw(`truncate table ${READ_MODEL_TABLE}`);
    await trx.raw(
      `insert into gs_checkpoints (name, version, commit_position, prepare_position, events_applied, status)
       values (?, 1, ?, ?, 0, 'running')
       on conflict (name) do update set version = 1, commit_position = excluded.commit_position,
         prepare_position = excluded.prepare_position, events_applied = 0, status = 'running', last_error = null`,
      [NAME, from.commit.toString(), from.prepare.toString()],
    );
  });
}

export interface ProjectionDeps {
  readonly databaseUrl: string;
  readonly knex: Knex;
  readonly store: PostgresEventStore;
  readonly batchSize: number;
  /** Events the batched projection catches up on; the raw read reads the same. */
  readonly events: number;
  readonly perEventEvents: number;
}

/**
 * One catch-up: the runner starts from a checkpoint `events` events behind the
 * head; the time runs until its worker's position reaches `headPosition()`.
 * Returns events per second, after checking the read model saw every event.
 */
export async function catchUp(
  projection: Projection,
  label: string,
  events: number,
  d: ProjectionDeps,
): Promise<number> {
  const from = await positionBeforeLast(d.knex, events);
  const head = await d.store.headPosition();
  await resetTo(d.knex, from);
  const runner = new ProjectionRunner([projection], {
    knex: d.knex,
    store: d.store,
    databaseUrl: d.databaseUrl,
    logger,
    batchSize: d.batchSize,
    pollMs: 100,
    retryMs: 200,
  });
  // Positions of the bulk-loaded log advance one seq per event: near enough for a progress bar.
  const progress = bar(label, Number(head.prepare - from.prepare));
  const tick = setInterval(
    () => progress.update(Number((runner.positionOf(NAME)?.prepare ?? from.prepare) - from.prepare)),
    200,
  );
  const started = performance.now();
  let seconds: number;
  try {
    runner.start();
    const reached = await runner.waitFor(head, [NAME], 600_000);
    seconds = (performance.now() - started) / 1000;
    if (!reached) throw new Error(`${label}: the projection did not reach the head within 10 minutes`);
  } finally {
    clearInterval(tick);
    progress.stop();
    await runner.stop();
  }
  const { rows } = await d.knex.raw<{ rows: { n: string | null }[] }>(
    `select sum(events)::text as n from ${READ_MODEL_TABLE}`,
  );
  const applied = Number(rows[0]?.n ?? 0);
  if (applied !== events) throw new Error(`${label}: the read model counted ${applied} events, expected ${events}`);
  return events / seconds;
}

export interface ProjectionRounds {
  /** Baseline: a raw read, by primary key, of the same events the projection catches up on. */
  readonly raw: number[];
  readonly perEvent: number[];
  readonly batch: number[];
}

/** Interleaved rounds: raw read, per-event catch-up, batched catch-up. */
export async function projectionRounds(
  d: ProjectionDeps & {
    readonly total: number;
    readonly rounds: number;
    readonly page: number;
    readonly report: (line: string) => void;
  },
): Promise<ProjectionRounds> {
  const pool = new pg.Pool({ connectionString: d.databaseUrl, max: 1 });
  const slice: Slice = {
    name: 'newest',
    afterSeq: d.total - d.events,
    after: { commit: 0n, prepare: 0n },
    count: d.events,
  };
  const out: ProjectionRounds = { raw: [], perEvent: [], batch: [] };
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  try {
    await rawRead(pool, slice, d.page); // warm-up
    for (let round = 1; round <= d.rounds; round++) {
      const raw = d.events / (await rawRead(pool, slice, d.page));
      const perEvent = await catchUp(
        perEventProjection,
        `round ${round}/${d.rounds} per-event apply`,
        d.perEventEvents,
        d,
      );
      const batch = await catchUp(batchProjection, `round ${round}/${d.rounds} applyBatch`, d.events, d);
      out.raw.push(raw);
      out.perEvent.push(perEvent);
      out.batch.push(batch);
      d.report(
        `  round ${round}: raw read ${fmt(raw)} ev/s | per-event apply ${fmt(perEvent)} ev/s | applyBatch ${fmt(batch)} ev/s`,
      );
    }
  } finally {
    await pool.end();
  }
  return out;
}
