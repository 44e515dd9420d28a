import type { Knex } from 'knex';
import { sqlMigration } from '../platform/db.js';
import { type Position } from '../platform/eventstore/position.js';

export const checkpointsMigration = sqlMigration(
  '0002_projection_checkpoints',
  `
      create table gs_checkpoints (
        name text primary key,
        version integer not null,
        commit_position numeric(20) not null default 0,
        prepare_position numeric(20) not null default 0,
        events_applied bigint not null default 0,
        status text not null default 'running',
        last_error text,
        updated_at timestamptz not null default now()
      );
    `,
);

export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  readonly position: Position;
  readonly eventsApplied: number;
  readonly status: string;
  readonly lastError: string | null;
  readonly updatedAt: Date;
}

interface CheckpointRow {
  name: string;
  version: number;
  commit_position: string;
  prepare_position: string;
  events_applied: string;
  status: string;
  last_error: string | null;
  updated_at: Date;
}

function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    name: row.name,
    version: row.version,
    position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    eventsApplied: Number(row.events_applied),
    status: row.status,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}

export async function readCheckpoint(db: Knex | Knex.Transaction, name: string): Promise<Checkpoint | undefined> {
  const row = await db<CheckpointRow>('gs_checkpoints').where({ name }).first();
  return row ? toCheckpoint(row) : undefined;
}

export async function listCheckpoints(db: Knex): Promise<Checkpoint[]> {
  const rows = await db<CheckpointRow>('gs_checkpoints').orderBy('name');
  return rows.map(toCheckpoint);
}

export async function saveCheckpoint(
  trx: Knex.Transaction,
  name: string,
  position: Position,
  applied: number,
): Promise<void> {
  // The page commits without waiting for the WAL flush (it is derived from the log: a crash that loses it loses its
  // checkpoint with it, and it is applied again); said here, not in a statement of its own.
  await trx('gs_checkpoints')
    .with('cfg', trx.raw(`select set_config('synchronous_commit', 'off', true)`))
    .updateFrom('cfg')
    .where({ name })
    .update({
      commit_position: position.commit.toString(),
      prepare_position: position.prepare.toString(),
      events_applied: trx.raw('events_applied + ?', [applied]),
      status: 'running',
      last_error: null,
      updated_at: trx.fn.now(),
    })
    // Once per page of every projection: prepared once per connection.
    .options({ name: 'gs_save_checkpoint' });
}

/** Starts the projection's checkpoint afresh (first run or a new version). */
export async function resetCheckpoint(
  trx: Knex.Transaction,
  name: string,
  version: number,
  eventTypes: readonly string[],
  status: 'rebuilding' | 'running' = 'rebuilding',
): Promise<void> {
  await trx('gs_checkpoints')
    .insert({
      name,
      version,
      commit_position: '0',
      prepare_position: '0',
      events_applied: 0,
      status,
      event_types: [...eventTypes],
    })
    .onConflict('name')
    .merge();
}

/** Keeps the event types on record, so /health can tell from the database alone whether events of a projection wait. */
export async function recordEventTypes(db: Knex, name: string, eventTypes: readonly string[]): Promise<void> {
  await db('gs_checkpoints')
    .where({ name })
    .update({ event_types: [...eventTypes] });
}

export async function recordFailure(db: Knex, name: string, error: string): Promise<void> {
  await db('gs_checkpoints')
    .where({ name })
    .update({ status: 'failed', last_error: error.slice(0, 2000), updated_at: db.fn.now() });
}
