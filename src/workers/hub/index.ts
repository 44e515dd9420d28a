import type { BackgroundWorker, WorkerContext } from '../types.js';
import { bankSyncWorker } from './bank-sync.js';
import { storeListWorker } from './store-lists.js';
import { transactionPushWorker } from './transaction-push.js';

/** The loyalty hub's workers: store lists, bank sync, transaction push. */
export const hubWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => [
    storeListWorker(ctx),
    bankSyncWorker(ctx),
    transactionPushWorker(ctx),
  ],
};
