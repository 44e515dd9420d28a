import type { BackgroundWorker, WorkerContext } from '../types.js';
import { memberBillingWorker } from './billing.js';

/** The members context's workers (subscription billing). */
export function memberWorkers(ctx: WorkerContext): BackgroundWorker[] {
  return [memberBillingWorker(ctx)];
}
