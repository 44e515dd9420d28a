import type { BackgroundWorker, WorkerContext } from '../types.js';
import { memberBillingWorker } from './billing.js';

/** The members context's workers (subscription billing). */
export const memberWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [memberBillingWorker(ctx)],
};
