import type { BackgroundWorker, WorkerContext } from '../types.js';
import { planBillingWorker } from './plan-billing.js';

/** The giving context's workers (recurring-plan billing). */
export const givingWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [planBillingWorker(ctx)],
};
