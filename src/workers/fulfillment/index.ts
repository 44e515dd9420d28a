import type { BackgroundWorker, WorkerContext } from '../types.js';
import { linkExpiryWorker } from './link-expiry.js';
import { fulfillmentMailWorker } from './mail.js';

/** The fulfillment context's workers: email delivery and link expiry. */
export const fulfillmentWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [fulfillmentMailWorker(ctx), linkExpiryWorker(ctx)],
};
