import type { Knex } from 'knex';
import pg from 'pg';
import { createKnex, migrate } from '../../src/platform/db.js';
import { allMigrations } from '../../src/contexts.js';
import { bulkLoadSql } from './data.js';
import { bar, status } from '../shared/progress.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';

/** The baseline table: the row shape of gs_events, with a primary key and nothing else. */
export const RAW_TABLE = 'bench_raw_events';

/** The projection's read model: events and summed amounts per stream. */
export const READ_MODEL_TABLE = 'bench_stream_stats';

/** Drops the bench's databases (left in place with BENCH_KEEP_DATABASES=1). */
export async function dropDatabases(databaseUrls: readonly string[]): Promise<void> {
  for (const url of databaseUrls) await dropDatabase(url);
}

/** Drops and recreates the bench database, migrates it and adds the bench's own tables. */
export async function prepareDatabase(databaseUrl: string): Promise<Knex> {
  await freshDatabase(databaseUrl);
  const knex = createKnex(databaseUrl, { max: 4 });
  await migrate(knex, allMigrations);
  await knex.raw(`
    create table ${RAW_TABLE} (
      seq bigint generated always as identity primary key,
      transaction_id xid8 not null default pg_current_xact_id(),
      event_id uuid not null,
      stream_name text not null,
      stream_revision bigint not null,
      category text not null,
      type text not null,
      data jsonb not null,
      metadata jsonb not null,
      created_at timestamptz not null default now()
    );
    create table ${READ_MODEL_TABLE} (
      stream_name text primary key,
      events bigint not null,
      amount numeric not null
    );
  `);
  return knex;
}

/** Empties the event log and the baseline table, as a fresh store would be. */
export async function emptyTables(knex: Knex): Promise<void> {
  await knex.raw(`truncate table gs_events, ${RAW_TABLE}, ${READ_MODEL_TABLE} restart identity`);
  await knex.raw('vacuum analyze gs_events');
}

export async function countEvents(knex: Knex): Promise<number> {
  const { rows } = await knex.raw<{ rows: { n: string }[] }>('select count(*)::text as n from gs_events');
  return Number(rows[0]!.n);
}

/**
 * Grows the log to `target` events with big INSERT … SELECT generate_series
 * statements, two at a time, then vacuums and analyzes so every read that
 * follows finds the visibility map and statistics a settled table has.
 */
export async function bulkLoad(databaseUrl: string, knex: Knex, target: number, chunk: number): Promise<number> {
  const have = await countEvents(knex);
  if (have >= target) return 0;
  const started = performance.now();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const progress = bar(`bulk load to ${target.toLocaleString('en-US')}`, target - have);
  try {
    const chunks: [number, number][] = [];
    for (let from = have; from < target; from += chunk) chunks.push([from, Math.min(target, from + chunk) - 1]);
    let done = 0;
    const worker = async (): Promise<void> => {
      for (let next = chunks.shift(); next; next = chunks.shift()) {
        await pool.query({ name: 'bench_bulk_load', text: bulkLoadSql, values: next });
        done += next[1] - next[0] + 1;
        progress.update(done);
      }
    };
    await Promise.all([worker(), worker()]);
  } finally {
    progress.stop();
    await pool.end();
  }
  const loaded = performance.now();
  await knex.raw('vacuum analyze gs_events');
  await knex.raw('checkpoint');
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round((target - have) / ((loaded - started) / 1000)).toLocaleString('en-US');
  status(
    `  loaded ${(target - have).toLocaleString('en-US')} events in ${seconds.toFixed(1)}s (${rate} rows/s before vacuum)`,
  );
  return target - have;
}
