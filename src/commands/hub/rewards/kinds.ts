import { offerTotalEvents, type OfferTotalEvent } from '../../../domain/hub/offers/events.js';
import {
  offerTotalDecider,
  type CountCompletion,
  type OfferTotalState,
} from '../../../domain/hub/offers/offer-total.js';
import { pointsEvents, type PointsEvent } from '../../../domain/hub/points/events.js';
import { pointsDecider, type PointsCommand, type PointsState } from '../../../domain/hub/points/points.js';
import { rewardEvents, type RewardEvent } from '../../../domain/hub/rewards/events.js';
import { rewardDecider, type RewardCommand, type RewardState } from '../../../domain/hub/rewards/reward.js';
import type { StreamKind } from './page-streams.js';

/* The streams the reward engine writes, ranked in the order a page writes them: a condition before what it allows. */

/** `offertotal-<offerId>`: a capped offer's completions, each counted before its reward completes. */
export const TOTALS: StreamKind<OfferTotalState, CountCompletion, OfferTotalEvent> = {
  decider: offerTotalDecider,
  schemas: offerTotalEvents,
  rank: 0,
};

/** `reward-<rewardId>`: one occurrence of an offer for one customer. */
export const REWARDS: StreamKind<RewardState, RewardCommand, RewardEvent> = {
  decider: rewardDecider,
  schemas: rewardEvents,
  rank: 1,
};

/** `points-<customerId>`: what purchases and a POINTS hub's completed rewards earn. */
export const POINTS: StreamKind<PointsState, PointsCommand, PointsEvent> = {
  decider: pointsDecider,
  schemas: pointsEvents,
  rank: 2,
};
