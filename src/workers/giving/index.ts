import type { BackgroundWorker, WorkerContext } from '../types.js';
import { planBillingWorker } from './plan-billing.js';

/** The giving context's workers (recurring-plan billing). */
export function givingWorkers(ctx: WorkerContext): BackgroundWorker[] {
  return [planBillingWorker(ctx)];
}
