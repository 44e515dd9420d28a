import type { Knex } from 'knex';
import { isDatabaseUnreachable, sqlMigration } from '../platform/db.js';
import { formatPosition } from '../platform/eventstore/position.js';
import type { RecordedEvent } from '../platform/eventstore/types.js';

/**
 * The dead letters of the read models: an event a projection failed on, again
 * and again, is recorded here and passed over, so no single event can stop a
 * read model. `event_types` on the checkpoints lets /health tell, from the
 * database alone, whether a projection has events of its own waiting.
 */
export const parkedEventsMigration = sqlMigration(
  '0020_projection_parked_events',
  `
      create table gs_parked_events (
        id bigint generated always as identity primary key,
        projection text not null,
        event_id uuid not null,
        stream_name text not null,
        stream_revision bigint not null,
        event_type text not null,
        commit_position numeric(20) not null,
        prepare_position numeric(20) not null,
        tenant_id text,
        error text not null,
        attempts integer not null,
        first_failed_at timestamptz not null,
        last_failed_at timestamptz not null,
        status text not null default 'parked' check (status in ('parked', 'retried', 'skipped')),
        resolved_at timestamptz,
        unique (projection, event_id)
      );
      create index gs_parked_events_active on gs_parked_events (projection) where status = 'parked';
      alter table gs_checkpoints add column event_types text[];
    `,
);

export type ParkedStatus = 'parked' | 'retried' | 'skipped';

export interface ParkedEvent {
  readonly id: number;
  readonly projection: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: string;
  readonly type: string;
  readonly position: string;
  readonly tenantId: string | null;
  readonly error: string;
  readonly attempts: number;
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  readonly status: ParkedStatus;
}

/** One event's run of consecutive failures. */
export interface Failure {
  readonly error: string;
  readonly attempts: number;
  readonly firstFailedAt: Date;
}

interface ParkedRow {
  id: string;
  projection: string;
  event_id: string;
  stream_name: string;
  stream_revision: string;
  event_type: string;
  commit_position: string;
  prepare_position: string;
  tenant_id: string | null;
  error: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
  status: ParkedStatus;
}

const toParked = (row: ParkedRow): ParkedEvent => ({
  id: Number(row.id),
  projection: row.projection,
  eventId: row.event_id,
  stream: row.stream_name,
  revision: row.stream_revision,
  type: row.event_type,
  position: formatPosition({ commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) }),
  tenantId: row.tenant_id,
  error: row.error,
  attempts: row.attempts,
  firstFailedAt: row.first_failed_at.toISOString(),
  lastFailedAt: row.last_failed_at.toISOString(),
  status: row.status,
});

/**
 * The failure in words, without the statement: knex puts the SQL, with its bound
 * values (emails, password hashes), before PostgreSQL's own message.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 2000);
  const code = (error as { code?: unknown }).code;
  const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  const text =
    sqlState && error.message.includes(' - ')
      ? `${error.message.slice(error.message.lastIndexOf(' - ') + 3)} (SQLSTATE ${code})`
      : error.message;
  return text.slice(0, 2000);
}

/**
 * Parks the event, in the caller's transaction. An event parked before is parked
 * again, unless an operator chose to skip it: that choice stands through rebuilds.
 */
export async function parkEvent(
  trx: Knex.Transaction,
  projection: string,
  event: RecordedEvent,
  failure: Failure,
): Promise<void> {
  await trx('gs_parked_events')
    .insert({
      projection,
      event_id: event.id,
      stream_name: event.streamName,
      stream_revision: event.revision.toString(),
      event_type: event.type,
      commit_position: event.position.commit.toString(),
      prepare_position: event.position.prepare.toString(),
      tenant_id: typeof event.metadata.tenantId === 'string' ? event.metadata.tenantId : null,
      error: failure.error,
      attempts: failure.attempts,
      first_failed_at: failure.firstFailedAt,
      last_failed_at: trx.fn.now(),
    })
    .onConflict(['projection', 'event_id'])
    .merge({
      error: failure.error,
      attempts: failure.attempts,
      last_failed_at: trx.fn.now(),
      status: trx.raw(`case when gs_parked_events.status = 'skipped' then 'skipped' else 'parked' end`),
      resolved_at: trx.raw(`case when gs_parked_events.status = 'skipped' then gs_parked_events.resolved_at end`),
    });
}

export async function listParked(
  db: Knex,
  filter: { projection?: string; status?: ParkedStatus } = {},
): Promise<ParkedEvent[]> {
  const query = db<ParkedRow>('gs_parked_events').orderBy('id');
  if (filter.projection) void query.where({ projection: filter.projection });
  if (filter.status) void query.where({ status: filter.status });
  return (await query).map(toParked);
}

export async function findParked(db: Knex, id: number): Promise<ParkedEvent | undefined> {
  const row = await db<ParkedRow>('gs_parked_events')
    .where({ id: String(id) })
    .first();
  return row && toParked(row);
}

/** Events parked now, per projection: what /health and the gauge report. */
export async function parkedCounts(db: Knex | Knex.Transaction): Promise<Map<string, number>> {
  const rows = await db('gs_parked_events')
    .where({ status: 'parked' })
    .groupBy('projection')
    .select<Array<{ projection: string; count: string }>>('projection', db.raw('count(*) as count'));
  return new Map(rows.map((r) => [r.projection, Number(r.count)]));
}

/** Closes a parked event; false when it was no longer parked (another operator was first). */
export async function resolveParked(
  db: Knex | Knex.Transaction,
  id: number,
  status: 'retried' | 'skipped',
): Promise<boolean> {
  const changed = await db('gs_parked_events')
    .where({ id: String(id), status: 'parked' })
    .update({ status, resolved_at: db.fn.now() });
  return changed > 0;
}

/** A rebuild tries every event again: what it parks anew is parked again, the rest applied. */
export async function retryAllOnRebuild(trx: Knex.Transaction, projection: string): Promise<void> {
  await trx('gs_parked_events')
    .where({ projection, status: 'parked' })
    .update({ status: 'retried', resolved_at: trx.fn.now() });
}

export async function recordRetryFailure(db: Knex, id: number, error: string): Promise<void> {
  await db('gs_parked_events')
    .where({ id: String(id) })
    .update({ error, attempts: db.raw('attempts + 1'), last_failed_at: db.fn.now() });
}

/**
 * SQLSTATE classes of failures that are the infrastructure's, not the event's: connection, resources, operator, system,
 * rollback.
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '55', '57', '58', 'XX']);

/**
 * Whether a failure says nothing about the event: the database or the network
 * let us down, and the same event may well apply in a moment. Such a failure
 * never counts towards parking; anything else (a constraint, a bad value, a
 * throw in the projection's code) is the event's.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Wrapped (cause, AggregateError) or worded as pg words a dropped connection: the outage's, never the event's.
  if (isDatabaseUnreachable(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_CLASSES.has(code.slice(0, 2));
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  // The rest of PostgreSQL's ways of going away are isDatabaseUnreachable's; these are the other clients' (ioredis,
  // knex).
  return /connection (is )?closed|connection error/i.test(error.message);
}
