import type { ProjectionsModule } from '../index.js';
import { banksMigration } from './banks/migrations/0530_rm_hub_banks.js';
import { sandboxBankMigration } from './banks/migrations/0532_hub_sandbox_bank.js';
import { sandboxBankPollsMigration } from './banks/migrations/0533_hub_sandbox_bank_polls.js';
import { banksProjection } from './banks/projection.js';
import { cashbacksMigration } from './cashbacks/migrations/0570_rm_hub_cashbacks.js';
import { cashbacksProjection } from './cashbacks/projection.js';
import { connectionsMigration } from './connections/migrations/0531_rm_hub_connections.js';
import { cardConnectionsMigration } from './connections/migrations/0534_rm_hub_card_connections.js';
import { connectionsProjection } from './connections/projection.js';
import { customersMigration } from './customers/migrations/0510_rm_hub_customers.js';
import { customerAccessMigration } from './customers/migrations/0511_hub_customer_access.js';
import { customersProjection } from './customers/projection.js';
import { hubsMigration } from './hubs/migrations/0500_rm_hub_hubs.js';
import { hubsProjection } from './hubs/projection.js';
import { storesMigration } from './stores/migrations/0520_rm_hub_stores.js';
import { storesProjection } from './stores/projection.js';
import { transactionsMigration } from './transactions/migrations/0540_rm_hub_transactions.js';
import { transactionsProjection } from './transactions/projection.js';
import { offersMigration } from './offers/migrations/0550_rm_hub_offers.js';
import { offersProjection } from './offers/projection.js';
import { rewardsMigration } from './rewards/migrations/0551_rm_hub_rewards.js';
import { rewardsProjection } from './rewards/projection.js';
import { pointsMigration } from './points/migrations/0552_rm_hub_points.js';
import { pointsProjection } from './points/projection.js';
import { receiptsMigration } from './receipts/migrations/0590_rm_hub_receipts.js';
import { receiptsProjection } from './receipts/projection.js';
import { claimsProjection } from './claims/projection.js';
import { blobsMigration } from './blobs/migrations/0591_hub_blobs.js';
import { blobsExternalMigration } from './blobs/migrations/0592_hub_blobs_external.js';
import { blobChunksMigration } from './blobs/migrations/0593_hub_blob_chunks.js';
import { blobErasureProjection } from './blobs/projection.js';

/** The loyalty hub's read models (seed 004). */
export const hubProjections: ProjectionsModule = {
  projections: [
    hubsProjection,
    customersProjection,
    storesProjection,
    banksProjection,
    connectionsProjection,
    transactionsProjection,
    offersProjection,
    rewardsProjection,
    pointsProjection,
    cashbacksProjection,
    receiptsProjection,
    claimsProjection,
    blobErasureProjection,
  ],
  migrations: [
    hubsMigration,
    customersMigration,
    customerAccessMigration,
    storesMigration,
    banksMigration,
    connectionsMigration,
    sandboxBankMigration,
    sandboxBankPollsMigration,
    cardConnectionsMigration,
    transactionsMigration,
    offersMigration,
    rewardsMigration,
    pointsMigration,
    cashbacksMigration,
    receiptsMigration,
    blobsMigration,
    blobsExternalMigration,
    blobChunksMigration,
  ],
};
