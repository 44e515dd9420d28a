import type { CommandDeps } from '../../shared/aggregate.js';
import { refundReward } from '../rewards/refund.js';

/**
 * The one call into the rewards side (contract item 4): a reward whose cashback reached RECEIVED becomes `refunded`.
 * refundReward appends RewardRefunded once; a second call appends nothing.
 */
export async function refundRewardOf(
  deps: CommandDeps,
  input: { rewardId: string; cashbackId: string; at: string },
): Promise<void> {
  await refundReward(deps, input);
}
