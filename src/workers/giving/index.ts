import type { BackgroundWorker, WorkerContext } from '../types.js';

/** The giving context's workers (recurring-plan billing). */
export function givingWorkers(_ctx: WorkerContext): BackgroundWorker[] {
  return [];
}
