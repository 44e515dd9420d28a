import { offerTotalEvents } from '../../../domain/hub/offers/events.js';
import { mayComplete, offerTotalDecider } from '../../../domain/hub/offers/offer-total.js';
import type { RewardCompletedData } from '../../../domain/hub/rewards/events.js';
import {
  countsNothing,
  progressAfter,
  rewardDecider,
  type CountPurchase,
  type Purchase,
  type ProgressRule,
  type RewardState,
} from '../../../domain/hub/rewards/reward.js';
import { rewardEvents } from '../../../domain/hub/rewards/events.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { cachedStreamStates } from '../../shared/stream-states.js';
import { offerTotalStream, rewardIdOf, rewardStream } from '../streams.js';
import { rewards } from './aggregate.js';
import type { IndexedOffer } from './offer-index.js';

export const REWARD_ENGINE = 'rewardEngine';

const totals = aggregate({ decider: offerTotalDecider, events: offerTotalEvents, stream: offerTotalStream });

/** A counted purchase's customer and how its hub pays a completion. */
export interface Counting {
  readonly customerId: string;
  readonly offer: IndexedOffer;
  readonly rule: ProgressRule;
  readonly target: number;
  readonly purchase: Purchase;
  readonly currency: string;
  readonly settlement: RewardCompletedData['settlement'];
}

/** A reward the purchase completed (or had completed, on a replay): what pays it is idempotent by its id. */
export interface Completed {
  readonly rewardId: string;
  readonly rewardValue: number;
  readonly settlement: RewardCompletedData['settlement'];
}

/** Tries of one purchase on one offer while another engine keeps moving the same reward. */
const MAX_ROUNDS = 20;

/**
 * Counts one purchase (or subscription, or referral) on one offer for one customer (flow 3.2–3.4). The customer's
 * occurrences are walked from the first: a closed one that counted this purchase ends the walk (a replay), the others
 * give the days, completions and value already paid; the first open one counts it. A completion first takes its place
 * in the offer's total (when the offer is capped), then is appended on the reward at its expected revision with the
 * number of purchases the decision saw, so a decision made on a stale state appends nothing and is made again.
 */
export async function countOnOffer(deps: CommandDeps, counting: Counting): Promise<Completed | undefined> {
  const { offer, customerId, purchase } = counting;
  const context: CommandContext = { tenantId: offer.programId, actor: REWARD_ENGINE, causationId: purchase.countedId };
  const states = cachedStreamStates(deps.store, rewardDecider, rewardEvents);
  const { settings } = offer;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const earlierDates: string[] = [];
    let paid = 0;
    for (let occurrence = 1; ; occurrence++) {
      if (settings.occurrenceLimit !== null && occurrence > settings.occurrenceLimit) return undefined;
      const rewardId = rewardIdOf(customerId, offer.offerId, occurrence);
      const stream = rewardStream(rewardId);
      const state: RewardState = (states.remembered(stream) ?? (await states.load(stream))).state;
      if (state.status === 'completed' || state.status === 'refunded') {
        if (state.counted.includes(purchase.countedId))
          return state.counted.at(-1) === purchase.countedId
            ? { rewardId, rewardValue: state.rewardValue ?? 0, settlement: counting.settlement }
            : undefined;
        earlierDates.push(...state.dates);
        paid += state.rewardValue ?? 0;
        continue;
      }
      const outcome = await countOn(deps, counting, { rewardId, occurrence, state, earlierDates, paid, context });
      if (outcome === 'again') {
        states.forget(stream);
        break;
      }
      return outcome;
    }
  }
  throw new Error(`reward engine: offer ${offer.offerId} of customer ${customerId} kept moving`);
}

interface Open {
  readonly rewardId: string;
  readonly occurrence: number;
  readonly state: RewardState;
  readonly earlierDates: readonly string[];
  readonly paid: number;
  readonly context: CommandContext;
}

async function countOn(deps: CommandDeps, counting: Counting, open: Open): Promise<Completed | undefined | 'again'> {
  const { offer, customerId, purchase, rule, target, currency, settlement } = counting;
  const { rewardId, occurrence, state, earlierDates, paid, context } = open;
  const { settings } = offer;
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
    now: deps.clock.now().toISOString(),
  };
  if (countsNothing(state, data)) return undefined;
  let may = progressAfter(state, data).met && withinLimit;
  if (may && settings.cappingLimit !== null) {
    const total = await totals.handle(
      offer.offerId,
      {
        type: 'CountCompletion',
        data: {
          offerId: offer.offerId,
          hubId: offer.hubId,
          programId: offer.programId,
          rewardId,
          rewardValue: settings.rewardValue,
          cappingLimit: settings.cappingLimit,
          cappingType: settings.cappingType,
          now: data.now,
        },
      },
      { store: deps.store, context },
    );
    // Capped without this completion: the offer counts nothing more.
    if (!mayComplete(total.state, rewardId)) return undefined;
    may = true;
  }
  const result = await rewards.handle(
    rewardId,
    { type: 'CountPurchase', data: { ...data, mayComplete: may } },
    {
      store: deps.store,
      context,
    },
  );
  const after = result.state;
  if (after.status === 'none' || !after.counted.includes(purchase.countedId)) return 'again';
  return after.status === 'completed' && after.counted.at(-1) === purchase.countedId
    ? { rewardId, rewardValue: after.rewardValue ?? 0, settlement }
    : undefined;
}
