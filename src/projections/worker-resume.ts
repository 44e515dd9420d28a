import { START, type Position } from '../platform/eventstore/position.js';
import type { RecordedEvent } from '../platform/eventstore/types.js';
import { readCheckpoint, recordEventTypes, resetCheckpoint } from './checkpoints.js';
import type { Failure } from './parked.js';
import { rebuildReadModel, type Projection } from './projection.js';
import type { WorkerDeps } from './worker.js';

/** What a worker that has just taken the lock needs to know to resume its projection. */
export interface ResumeOptions {
  /** True once the worker is stopping: a rebuild gives up, and the worker resumes from the old checkpoint next time. */
  readonly aborted: () => boolean;
  readonly onParked: (event: RecordedEvent, failure: Failure) => void;
}

/**
 * The checkpoint to resume from; a new version rebuilds the read model first, the old rows serving until it is done.
 */
export async function resumePoint(
  projection: Projection,
  deps: Pick<WorkerDeps, 'knex' | 'store' | 'logger' | 'batchSize' | 'maxAttempts'>,
  { aborted, onParked }: ResumeOptions,
): Promise<{ from: Position; savedAt: Date }> {
  const { knex, store, logger } = deps;
  const { name, version, eventTypes } = projection;
  const checkpoint = await readCheckpoint(knex, name);
  if (checkpoint && checkpoint.version === version) {
    await recordEventTypes(knex, name, eventTypes);
    return { from: checkpoint.position, savedAt: checkpoint.updatedAt };
  }
  if (!checkpoint) {
    // A first run has no rows to keep serving: it catches up page by page, like any other.
    await knex.transaction(async (trx) => {
      for (const table of projection.tables) await trx.raw('truncate table ??', [table]);
      await resetCheckpoint(trx, name, version, eventTypes, 'running');
    });
    return { from: START, savedAt: new Date() };
  }
  logger.info({ projection: name, from: checkpoint.version, to: version }, 'projection rebuilding');
  const outcome = await rebuildReadModel(projection, {
    knex,
    store,
    batchSize: deps.batchSize,
    maxAttempts: deps.maxAttempts,
    target: await store.headPosition(),
    aborted,
    onParked,
  });
  if (outcome.interrupted) return { from: checkpoint.position, savedAt: checkpoint.updatedAt };
  logger.info({ projection: name, version, applied: outcome.applied, parked: outcome.parked }, 'projection rebuilt');
  return { from: outcome.position, savedAt: new Date() };
}
