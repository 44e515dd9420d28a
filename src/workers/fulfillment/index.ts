import type { BackgroundWorker, WorkerContext } from '../types.js';
import { linkExpiryWorker } from './link-expiry.js';
import { fulfillmentMailWorker } from './mail.js';
import { reservationReconciler } from './reservation-reconciler.js';

/** The fulfillment context's workers: email delivery, link expiry and the reservation reconciler. */
export const fulfillmentWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [
    fulfillmentMailWorker(ctx),
    linkExpiryWorker(ctx),
    reservationReconciler(ctx),
  ],
};
