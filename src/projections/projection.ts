import type { Knex } from 'knex';
import type { RecordedEvent } from '../platform/eventstore/types.js';

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
}

export async function applyAll(projection: Projection, trx: Knex.Transaction, events: readonly RecordedEvent[]): Promise<void> {
  if (projection.applyBatch) return projection.applyBatch(trx, events);
  for (const event of events) await projection.apply(trx, event);
}
