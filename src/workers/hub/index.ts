import type { BackgroundWorker, WorkerContext } from '../types.js';
import { storeListWorker } from './store-lists.js';

/** The loyalty hub's workers (store lists). */
export const hubWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [storeListWorker(ctx)],
};
