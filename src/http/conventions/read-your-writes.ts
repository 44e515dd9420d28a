import type { Knex } from 'knex';
import type { Config } from '../../platform/config.js';
import { isDatabaseUnreachable } from '../../platform/db.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { Logger } from '../../platform/logger.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import { unavailable } from '../errors.js';

export interface ReadYourWritesDeps {
  readonly runner: Pick<ProjectionRunner, 'waitFor'>;
  readonly config: Pick<Config, 'READ_YOUR_WRITES_TIMEOUT_MS'>;
  readonly logger?: Logger;
  /** The read models' database, asked whether it answers while a wait drags on. */
  readonly knex?: Pick<Knex, 'raw'>;
}

/** A wait longer than this asks the database whether it answers, and again as often while it lasts. */
export const PROBE_EVERY_MS = 250;

/** False only when the database cannot be reached; a statement that fails otherwise says nothing about the wait. */
async function answers(knex: Pick<Knex, 'raw'>): Promise<boolean> {
  try {
    await knex.raw('select 1');
    return true;
  } catch (error) {
    return !isDatabaseUnreachable(error);
  }
}

/** The wait's outcome, or 'unreachable' as soon as a probe finds the database gone. */
async function waitOrUnreachable(waiting: Promise<boolean>, knex: Pick<Knex, 'raw'>): Promise<boolean | 'unreachable'> {
  const TICK = Symbol('tick');
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const tick = new Promise<typeof TICK>((resolve) => (timer = setTimeout(() => resolve(TICK), PROBE_EVERY_MS)));
    const first = await Promise.race([waiting, tick]);
    clearTimeout(timer);
    if (first !== TICK) return first;
    const probed = await Promise.race([waiting, answers(knex).then((ok) => (ok ? TICK : ('unreachable' as const)))]);
    if (probed !== TICK) return probed;
  }
}

/**
 * Read-your-writes: a command's answer waits until the projections that serve
 * its resource have applied its events, for at most READ_YOUR_WRITES_TIMEOUT_MS
 * (then it answers anyway, and says so in the log). While the read models'
 * database cannot be reached they cannot catch up: that answers 503 at once
 * rather than a read that would fail or miss the write.
 */
export function readYourWrites(deps: ReadYourWritesDeps, projections: readonly string[]) {
  return async (position: Position | undefined): Promise<void> => {
    if (!position) return;
    const waiting = deps.runner.waitFor(position, projections, deps.config.READ_YOUR_WRITES_TIMEOUT_MS);
    const reached = deps.knex ? await waitOrUnreachable(waiting, deps.knex) : await waiting;
    if (reached === 'unreachable') throw unavailable();
    if (!reached) deps.logger?.warn({ projections }, 'read model behind the write: answered before it caught up');
  };
}
