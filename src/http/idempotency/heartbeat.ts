import type { IdempotencyStore } from './store.js';

export interface HeartbeatOptions {
  readonly lockMs: number;
  readonly everyMs: number;
  /** A request that runs longer than this stops extending: its lock lapses, as a crashed holder's does. */
  readonly maxHoldMs: number;
  readonly onError: (error: unknown) => void;
}

/**
 * Extends the lock of a key while its request runs, so the lock itself can be
 * short and a crashed holder's key is taken over within seconds. Returns the
 * function that stops it.
 */
export function heartbeat(
  store: IdempotencyStore,
  scope: string,
  key: string,
  token: string,
  options: HeartbeatOptions,
): () => void {
  const started = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - started > options.maxHoldMs) {
      clearInterval(timer);
      return;
    }
    store.extend(scope, key, token, options.lockMs).then((held) => {
      if (!held) clearInterval(timer);
    }, options.onError);
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
