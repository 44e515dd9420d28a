import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Position } from '../../src/platform/eventstore/position.js';
import type { EventMetadata, JsonObject, RecordedEvent } from '../../src/platform/eventstore/types.js';
import { applyAll, type Projection } from '../../src/projections/projection.js';

export interface RecordedOptions {
  readonly stream: string;
  readonly tenantId?: string;
  /** Defaults to the stream's next revision (0, 1, 2 … per stream name in this test file). */
  readonly revision?: bigint | number;
  /** Defaults to the next position of one log shared by the test file, so events sort as appended. */
  readonly position?: Position;
  readonly createdAt?: Date | string;
  readonly id?: string;
}

const nextRevision = new Map<string, bigint>();
let nextCommit = 1n;

/**
 * A recorded event as the projection runner hands it over: `data` is the domain
 * event's data, the stream, revision and position are those the store would give.
 */
export function recorded(type: string, data: object, options: RecordedOptions): RecordedEvent {
  const revision = options.revision === undefined ? (nextRevision.get(options.stream) ?? 0n) : BigInt(options.revision);
  nextRevision.set(options.stream, revision + 1n);
  const commit = nextCommit++;
  const metadata: EventMetadata = options.tenantId
    ? { tenantId: options.tenantId, actor: 'test', schemaVersion: 1 }
    : {};
  return {
    id: options.id ?? randomUUID(),
    type,
    streamName: options.stream,
    revision,
    position: options.position ?? { commit, prepare: commit },
    data: data as JsonObject,
    metadata,
    createdAt: new Date(options.createdAt ?? Date.now()),
  };
}

/**
 * Applies the events to a real database in one transaction, as the runner does:
 * event by event through `apply`, or with `batch` through `applyBatch` when the
 * projection has one. With `replayed` it applies them a second time, as a replay
 * after a crash would, which must change nothing.
 */
export async function applyToDb(
  knex: Knex,
  projection: Projection,
  events: readonly RecordedEvent[],
  options: { batch?: boolean; replayed?: boolean } = {},
): Promise<void> {
  for (let round = options.replayed ? 2 : 1; round > 0; round--) {
    await knex.transaction(async (trx) => {
      if (options.batch) return applyAll(projection, trx, events);
      for (const event of events) await projection.apply(trx, event);
    });
  }
}
