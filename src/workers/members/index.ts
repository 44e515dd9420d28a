import type { BackgroundWorker, WorkerContext } from '../types.js';

/** The members context's workers (subscription billing). */
export function memberWorkers(_ctx: WorkerContext): BackgroundWorker[] {
  return [];
}
