import type { ProjectionRunner } from '../../projections/runner.js';
import { ExpiringCache } from './expiring-cache.js';

/**
 * A lookup served from memory while none of the read models it reads has
 * changed since. Only in a process that applies those read models itself:
 * anywhere else a change would go unseen, so every lookup goes to the database.
 * Entries live `ttlMs` at most, which bounds how far a value computed with the
 * clock (a trial ending) can lag it.
 */
export function whileUnchanged<A extends readonly unknown[], V>(
  runner: Pick<ProjectionRunner, 'readModelStamp'>,
  readModels: readonly string[],
  keyOf: (...args: A) => string,
  load: (...args: A) => Promise<V | undefined>,
  ttlMs = 1000,
): (...args: A) => Promise<V | undefined> {
  const cache = new ExpiringCache<V>(ttlMs, 5000);
  return (...args) => {
    const stamp = runner.readModelStamp(readModels);
    if (stamp === undefined) return load(...args);
    return cache.get(`${stamp}:${keyOf(...args)}`, () => load(...args));
  };
}
