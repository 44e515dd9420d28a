import type { Knex } from 'knex';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import { READ_MODEL_ONLY, type EventStore, type RecordedEvent } from '../platform/eventstore/types.js';
import { resetCheckpoint, saveCheckpoint } from './checkpoints.js';
import { errorText, isInfrastructureError, parkEvent, retryAllOnRebuild, type Failure } from './parked.js';

/**
 * A read model fed by events. Each event type it handles maps to a small SQL
 * change made in the runner's transaction, so a batch and its checkpoint commit
 * together: a crash replays nothing twice and loses nothing.
 */
export interface Projection {
  readonly name: string;
  /** Bumping it rebuilds the read model from the first event. */
  readonly version: number;
  readonly eventTypes: readonly string[];
  /** The tables the projection owns, emptied before a rebuild. */
  readonly tables: readonly string[];
  apply(trx: Knex.Transaction, event: RecordedEvent): Promise<void>;
  /** Optional: apply a whole batch in fewer statements (counters, bulk upserts). */
  applyBatch?(trx: Knex.Transaction, events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Optional: work outside the database once a batch has committed (enqueueing
   * jobs). It may be lost in a crash, so it must be recoverable from the rows.
   */
  afterCommit?(events: readonly RecordedEvent[]): Promise<void>;
  /**
   * Optional: true when applying the page would change nothing (no program listens for what it carries). The worker
   * then moves past it as past an empty page, without a transaction, and saves its position later; a crash replays
   * it, which must change nothing either.
   */
  skips?(events: readonly RecordedEvent[]): Promise<boolean>;
}

/**
 * Names the transaction as one that appends no event, before its first write takes a transaction id: the event
 * store's read horizon then leaves it out, so the events appended while a page or a rebuild is applied (a request
 * waiting for its own write to be read) are read at once instead of after this transaction ends. It also commits
 * without waiting for the WAL flush: a read model and its checkpoint commit together and are derived from the log,
 * so a crash that loses the last pages loses their checkpoint with them and they are applied again; the wait for the
 * flush was most of a page's time, and every request waiting for read-your-writes waited for it.
 */
export async function markReadModelOnly(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`select set_config('application_name', ?, true), set_config('synchronous_commit', 'off', true)`, [
    READ_MODEL_ONLY,
  ]);
}

export async function applyAll(
  projection: Projection,
  trx: Knex.Transaction,
  events: readonly RecordedEvent[],
): Promise<void> {
  if (projection.applyBatch) return projection.applyBatch(trx, events);
  for (const event of events) await projection.apply(trx, event);
}

/** Applies in a savepoint: a failure rolls back these events only, and the transaction goes on. */
export async function applyInSavepoint(
  projection: Projection,
  trx: Knex.Transaction,
  events: readonly RecordedEvent[],
): Promise<void> {
  await trx.transaction((savepoint) => applyAll(projection, savepoint, events));
}

/** Told of an event that failed `attempts` times in a row: park it (and go on) or stop before it. */
export type OnEventFailure = (event: RecordedEvent, error: unknown, attempts: number) => Promise<'parked' | 'stop'>;

export interface EachResult {
  readonly applied: readonly RecordedEvent[];
  /** The event the caller chose to stop before; the events after it are not applied. */
  readonly stoppedAt?: RecordedEvent;
}

/**
 * Applies the events one by one, each tried up to `tries` times in its own
 * savepoint, so a failing event leaves the others of its page applied. A failure
 * of the infrastructure is thrown as it is: it says nothing about the event.
 */
export async function applyEach(
  projection: Projection,
  trx: Knex.Transaction,
  events: readonly RecordedEvent[],
  tries: number,
  onFailure: OnEventFailure,
): Promise<EachResult> {
  const applied: RecordedEvent[] = [];
  for (const event of events) {
    let failure: unknown;
    for (let attempt = 1; attempt <= tries; attempt++) {
      failure = undefined;
      try {
        await applyInSavepoint(projection, trx, [event]);
        break;
      } catch (error) {
        if (isInfrastructureError(error)) throw error;
        failure = error;
      }
    }
    if (failure === undefined) applied.push(event);
    else if ((await onFailure(event, failure, tries)) === 'stop') return { applied, stoppedAt: event };
  }
  return { applied };
}

export interface RebuildOptions {
  readonly knex: Knex;
  readonly store: Pick<EventStore, 'readAll'>;
  readonly batchSize: number;
  /** Tries of a failing event before it is parked; a replay tries again at once. */
  readonly maxAttempts: number;
  /** Up to where: the head when the rebuild begins. */
  readonly target: Position;
  /** Checked between pages: true rolls the whole rebuild back. */
  readonly aborted?: () => boolean;
  readonly onProgress?: (applied: number) => void;
  readonly onParked?: (event: RecordedEvent, failure: Failure) => void;
}

export interface RebuildOutcome {
  readonly applied: number;
  readonly parked: number;
  readonly position: Position;
  readonly interrupted: boolean;
}

class Interrupted extends Error {}

/**
 * Rebuilds the read model in one transaction: empty (delete, not truncate, so
 * readers keep seeing the old rows under MVCC), replay up to `target`, and
 * checkpoint. Until it commits, the old rows and checkpoint serve; an
 * infrastructure failure or an interruption rolls it all back. A poison event is
 * parked, in the same transaction, and the replay goes on past it.
 */
export async function rebuildReadModel(projection: Projection, options: RebuildOptions): Promise<RebuildOutcome> {
  const { knex, store, target } = options;
  let applied = 0;
  let parked = 0;
  let from = START;
  try {
    await knex.transaction(async (trx) => {
      await markReadModelOnly(trx);
      for (const table of projection.tables) await trx.raw('delete from ??', [table]);
      await resetCheckpoint(trx, projection.name, projection.version, projection.eventTypes);
      await retryAllOnRebuild(trx, projection.name);
      while (comparePositions(from, target) < 0) {
        if (options.aborted?.()) throw new Interrupted();
        const page = await store.readAll({
          from,
          filter: { eventTypes: projection.eventTypes },
          maxCount: options.batchSize,
        });
        const events = page.events.filter((e) => comparePositions(e.position, target) <= 0);
        const result = await replayPage(projection, trx, events, options);
        applied += result.applied;
        parked += result.parked;
        from = events.length < page.events.length ? target : page.next;
        options.onProgress?.(applied);
        if (page.isEnd) break;
      }
      await saveCheckpoint(trx, projection.name, from, applied);
    });
  } catch (error) {
    if (error instanceof Interrupted) return { applied: 0, parked: 0, position: START, interrupted: true };
    throw error;
  }
  return { applied, parked, position: from, interrupted: false };
}

async function replayPage(
  projection: Projection,
  trx: Knex.Transaction,
  events: readonly RecordedEvent[],
  options: RebuildOptions,
): Promise<{ applied: number; parked: number }> {
  if (events.length === 0) return { applied: 0, parked: 0 };
  try {
    await applyInSavepoint(projection, trx, events);
    return { applied: events.length, parked: 0 };
  } catch (error) {
    if (isInfrastructureError(error)) throw error;
  }
  let parked = 0;
  const result = await applyEach(projection, trx, events, options.maxAttempts, async (event, error, attempts) => {
    const failure: Failure = { error: errorText(error), attempts, firstFailedAt: new Date() };
    await parkEvent(trx, projection.name, event, failure);
    options.onParked?.(event, failure);
    parked += 1;
    return 'parked';
  });
  return { applied: result.applied.length, parked };
}
