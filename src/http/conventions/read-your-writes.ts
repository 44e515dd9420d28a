import type { Config } from '../../platform/config.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { Logger } from '../../platform/logger.js';
import type { ProjectionRunner } from '../../projections/runner.js';

export interface ReadYourWritesDeps {
  readonly runner: Pick<ProjectionRunner, 'waitFor'>;
  readonly config: Pick<Config, 'READ_YOUR_WRITES_TIMEOUT_MS'>;
  readonly logger?: Logger;
}

/**
 * Read-your-writes: a command's answer waits until the projections that serve
 * its resource have applied its events, for at most READ_YOUR_WRITES_TIMEOUT_MS
 * (then it answers anyway, and says so in the log).
 */
export function readYourWrites(deps: ReadYourWritesDeps, projections: readonly string[]) {
  return async (position: Position | undefined): Promise<void> => {
    if (!position) return;
    const reached = await deps.runner.waitFor(position, projections, deps.config.READ_YOUR_WRITES_TIMEOUT_MS);
    if (!reached) deps.logger?.warn({ projections }, 'read model behind the write: answered before it caught up');
  };
}
