import { mayComplete } from '../../../domain/hub/offers/offer-total.js';
import type { RewardCompletedData } from '../../../domain/hub/rewards/events.js';
import {
  countsNothing,
  progressAfter,
  type CountPurchase,
  type Purchase,
  type ProgressRule,
  type RewardState,
} from '../../../domain/hub/rewards/reward.js';
import type { CommandContext } from '../../shared/command.js';
import { offerTotalStream, rewardIdOf, rewardStream } from '../streams.js';
import { REWARDS, TOTALS } from './kinds.js';
import type { IndexedOffer } from './offer-index.js';
import type { PageStreams } from './page-streams.js';

export const REWARD_ENGINE = 'rewardEngine';

/** A counted purchase's customer and how its hub pays a completion. */
export interface Counting {
  readonly customerId: string;
  readonly offer: IndexedOffer;
  readonly rule: ProgressRule;
  readonly target: number;
  readonly purchase: Purchase;
  readonly currency: string;
  readonly settlement: RewardCompletedData['settlement'];
  /** When it is counted (the events' times). */
  readonly now: string;
}

/** A reward the purchase completed (or had completed, on a replay): what pays it is idempotent by its id. */
export interface Completed {
  readonly rewardId: string;
  readonly rewardValue: number;
  readonly settlement: RewardCompletedData['settlement'];
}

/**
 * Counts one purchase (or subscription, or referral) on one offer for one customer (flow 3.2–3.4), in the page's
 * memory. The customer's occurrences are walked from the first: a closed one that counted this purchase ends the walk
 * (a replay), the others give the days, completions and value already paid; the first open one counts it. A
 * completion first takes its place in the offer's total (when the offer is capped). A state the page does not know
 * yet ends the count with nothing: it is noted missing, read, and the page decided again.
 */
export function countOnOffer(page: PageStreams, counting: Counting): Completed | undefined {
  const { offer, customerId, purchase } = counting;
  const { settings } = offer;
  const earlierDates: string[] = [];
  let paid = 0;
  for (let occurrence = 1; ; occurrence++) {
    if (settings.occurrenceLimit !== null && occurrence > settings.occurrenceLimit) return undefined;
    const rewardId = rewardIdOf(customerId, offer.offerId, occurrence);
    const state = page.state(REWARDS, rewardStream(rewardId));
    if (state === undefined) return undefined;
    if (state.status === 'completed' || state.status === 'refunded') {
      if (state.counted.includes(purchase.countedId))
        return state.counted.at(-1) === purchase.countedId
          ? { rewardId, rewardValue: state.rewardValue ?? 0, settlement: counting.settlement }
          : undefined;
      earlierDates.push(...state.dates);
      paid += state.rewardValue ?? 0;
      continue;
    }
    return countOn(page, counting, { rewardId, occurrence, state, earlierDates, paid });
  }
}

interface Open {
  readonly rewardId: string;
  readonly occurrence: number;
  readonly state: RewardState;
  readonly earlierDates: readonly string[];
  readonly paid: number;
}

function countOn(page: PageStreams, counting: Counting, open: Open): Completed | undefined {
  const { offer, customerId, purchase, rule, target, currency, settlement, now } = counting;
  const { rewardId, occurrence, state, earlierDates, paid } = open;
  const { settings } = offer;
  const context: CommandContext = { tenantId: offer.programId, actor: REWARD_ENGINE, causationId: purchase.countedId };
  const limit = settings.rewardCumulatedLimit;
  const withinLimit = limit === null || paid + settings.rewardValue <= limit;
  // No partial rewards (decision 38): an occurrence that could never be paid does not start.
  if (state.status === 'none' && !withinLimit) return undefined;
  const data: CountPurchase['data'] = {
    rewardId,
    hubId: offer.hubId,
    programId: offer.programId,
    customerId,
    offerId: offer.offerId,
    occurrence,
    ...purchase,
    rule,
    target,
    multipleOccurenceByDay: settings.multipleOccurenceByDay,
    earlierDates,
    seen: state.status === 'none' ? 0 : state.counted.length,
    mayComplete: false,
    completion: { rewardType: settings.rewardType, rewardValue: settings.rewardValue, currency, settlement },
    now,
  };
  if (countsNothing(state, data)) return undefined;
  const may = progressAfter(state, data).met && withinLimit;
  if (may && settings.cappingLimit !== null) {
    const { offerId, hubId, programId } = offer;
    const { rewardValue } = settings;
    const { cappingLimit, cappingType } = settings;
    const command = { offerId, hubId, programId, rewardId, rewardValue, cappingLimit, cappingType, now };
    const total = page.decide(TOTALS, offerTotalStream(offerId), { type: 'CountCompletion', data: command }, context);
    // Capped without this completion (or the total not read yet): the offer counts nothing more.
    if (!total || !mayComplete(total.state, rewardId)) return undefined;
  }
  const command: CountPurchase = { type: 'CountPurchase', data: { ...data, mayComplete: may } };
  const after = page.decide(REWARDS, rewardStream(rewardId), command, context)?.state;
  return after?.status === 'completed' && after.counted.at(-1) === purchase.countedId
    ? { rewardId, rewardValue: after.rewardValue ?? 0, settlement }
    : undefined;
}
