import { rewardEvents } from '../../../domain/hub/rewards/events.js';
import { rewardDecider } from '../../../domain/hub/rewards/reward.js';
import { aggregate } from '../../shared/aggregate.js';
import { rewardStream } from '../streams.js';

/** One reward occurrence: `reward-<rewardIdOf(customerId, offerId, occurrence)>`. */
export const rewards = aggregate({ decider: rewardDecider, events: rewardEvents, stream: rewardStream });
