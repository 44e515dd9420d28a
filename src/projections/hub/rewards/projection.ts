import { rewardEvents, type RewardEvent } from '../../../domain/hub/rewards/events.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';

export const HUB_REWARDS_PROJECTION = 'hub-rewards';
export const REWARDS = 'rm_hub_rewards';

const handlers: EventHandlers<RewardEvent> = {
  RewardStarted: (trx, d, event) =>
    insertOnce(trx, REWARDS, 'id', event, {
      id: d.rewardId,
      hub_id: d.hubId,
      program_id: d.programId,
      customer_id: d.customerId,
      offer_id: d.offerId,
      occurrence: d.occurrence,
      status: 'started',
      value: d.value,
      target: d.target,
      started_at: d.startedAt,
      updated_at: d.startedAt,
    }),
  RewardProgressed: (trx, d, event) =>
    changeRow(trx, REWARDS, d.rewardId, event, {
      status: 'pending',
      value: d.value,
      target: d.target,
      updated_at: d.progressedAt,
    }),
  RewardCompleted: (trx, d, event) =>
    changeRow(trx, REWARDS, d.rewardId, event, {
      status: 'completed',
      reward_value: d.rewardValue,
      settlement: d.settlement,
      updated_at: d.completedAt,
    }),
  RewardRefunded: (trx, d, event) =>
    changeRow(trx, REWARDS, d.rewardId, event, {
      status: 'refunded',
      cashback_id: d.cashbackId,
      updated_at: d.refundedAt,
    }),
};

/** Each customer's rewards: started, pending (a later purchase), completed, refunded (flow 3.3). */
export const rewardsProjection: Projection = {
  name: HUB_REWARDS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [REWARDS],
  apply: applyByType(rewardEvents, handlers),
};
