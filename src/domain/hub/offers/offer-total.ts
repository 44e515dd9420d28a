import type { Decider } from '../../shared/decider.js';
import type { OfferTotalEvent } from './events.js';

export interface OfferTotalState {
  readonly total: number;
  readonly completions: number;
  /** The rewards whose completion is counted (a retry of one counts nothing). */
  readonly rewardIds: readonly string[];
  readonly capped: boolean;
}

export interface CountCompletion {
  readonly type: 'CountCompletion';
  readonly data: {
    readonly offerId: string;
    readonly hubId: string;
    readonly programId: string;
    readonly rewardId: string;
    readonly rewardValue: number;
    readonly cappingLimit: number;
    readonly cappingType: 'amount' | 'count';
    readonly now: string;
  };
}

/** Whether the reward's completion may happen: counted now or before, and the offer not capped without it. */
export const mayComplete = (state: OfferTotalState, rewardId: string): boolean => state.rewardIds.includes(rewardId);

/**
 * The whole offer's completions under its cap (flow 3.4, decision 38): a completion that reaches the cap is counted
 * and `OfferCapped` follows it in the same append; one that would pass it is not counted, and the offer is capped.
 */
export const offerTotalDecider: Decider<OfferTotalState, CountCompletion, OfferTotalEvent> = {
  initialState: () => ({ total: 0, completions: 0, rewardIds: [], capped: false }),
  evolve: (state, event) =>
    event.type === 'OfferCapped'
      ? { ...state, capped: true }
      : {
          ...state,
          total: state.total + event.data.rewardValue,
          completions: state.completions + 1,
          rewardIds: [...state.rewardIds, event.data.rewardId],
        },
  decide: ({ data }, state) => {
    if (state.capped || state.rewardIds.includes(data.rewardId)) return [];
    const { offerId, hubId, programId, rewardId, rewardValue, cappingLimit, cappingType, now } = data;
    const total = state.total + rewardValue;
    const completions = state.completions + 1;
    const reached = cappingType === 'amount' ? total : completions;
    const capped = (t: number, c: number): OfferTotalEvent => ({
      type: 'OfferCapped',
      data: { offerId, hubId, programId, total: t, completions: c, cappedAt: now },
    });
    if (reached > cappingLimit) return [capped(state.total, state.completions)];
    const counted: OfferTotalEvent = {
      type: 'OfferCompletionCounted',
      data: { offerId, rewardId, rewardValue, countedAt: now },
    };
    return reached === cappingLimit ? [counted, capped(total, completions)] : [counted];
  },
};
