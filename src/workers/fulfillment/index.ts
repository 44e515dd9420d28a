import type { BackgroundWorker, WorkerContext } from '../types.js';
import { fulfillmentMailWorker } from './mail.js';

/** The fulfillment context's workers: email delivery. */
export const fulfillmentWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [fulfillmentMailWorker(ctx)],
};
