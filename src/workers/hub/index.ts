import { bindSandboxBank } from '../../commands/hub/banks/providers.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';
import { bankSyncWorker } from './bank-sync.js';
import { cashbackPayoutWorkers } from './cashback-payouts.js';
import { rewardEngineWorker } from './reward-engine.js';
import { claimExpiryWorker } from './claim-expiry.js';
import { storeListWorker } from './store-lists.js';
import { transactionPushWorker } from './transaction-push.js';

/** The loyalty hub's workers: store lists, bank sync, transaction push. */
export const hubWorkers = {
  workers: (ctx: WorkerContext): BackgroundWorker[] => {
    // The sandbox bank's memory is the database's, so these workers sync what any API process consented to.
    bindSandboxBank(ctx.knex);
    return [
      storeListWorker(ctx),
      bankSyncWorker(ctx),
      transactionPushWorker(ctx),
      ...cashbackPayoutWorkers(ctx),
      claimExpiryWorker(ctx),
      rewardEngineWorker(ctx),
    ];
  },
};
