import type { RewardState } from '../../../domain/hub/rewards/reward.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandResult } from '../../shared/command.js';
import { rewards } from './aggregate.js';

export const REWARD_REFUND = 'rewardRefund';

export interface RefundRewardInput {
  readonly rewardId: string;
  /** The cashback that paid it (contract item 4). */
  readonly cashbackId: string;
  /** When the cashback reached RECEIVED (ISO 8601); the clock's time when absent. */
  readonly at?: string;
}

/**
 * A completed reward's cashback reached the customer: `RewardRefunded` (reward_updated `refunded`), once. A second
 * call (a retried job, a second worker) appends nothing; a reward that is not completed is refused (422), an unknown
 * one is not found (404). Called by the cashback process when a reward's cashback is RECEIVED.
 */
export async function refundReward(
  deps: CommandDeps,
  { rewardId, cashbackId, at }: RefundRewardInput,
): Promise<CommandResult<RewardState>> {
  const loaded = await rewards.handle(
    rewardId,
    { type: 'RefundReward', data: { cashbackId, now: at ?? deps.clock.now().toISOString() } },
    {
      store: deps.store,
      // The reward's own program: the events carry it, and it is the tenant its metadata names.
      context: { tenantId: await programOf(deps, rewardId), actor: REWARD_REFUND, causationId: cashbackId },
    },
  );
  return loaded;
}

async function programOf(deps: CommandDeps, rewardId: string): Promise<string> {
  const [first] = await deps.store.readStream(rewards.stream(rewardId), { maxCount: 1 });
  const programId = first?.data.programId;
  return typeof programId === 'string' ? programId : '';
}
