import { givingWorkers } from './giving/index.js';
import { memberWorkers } from './members/index.js';
import type { BackgroundWorker, WorkerContext } from './types.js';

/** Every background worker but webhook delivery (which the webhooks module runs). */
export function backgroundWorkers(ctx: WorkerContext): BackgroundWorker[] {
  return [...memberWorkers(ctx), ...givingWorkers(ctx)];
}
