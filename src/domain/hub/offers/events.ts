import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { REWARD_TYPES } from '../rewards/events.js';

export const OFFER_TYPES = ['referral', 'welcome', 'average', 'frequency'] as const;
export const CONDITION_TYPES = ['CREA', 'LTRY', 'RFRL', 'SPND'] as const;
export const CONDITION_VALUE_TYPES = ['AMNT', 'NMBR'] as const;
export const CAPPING_TYPES = ['amount', 'count'] as const;

/** The stores an offer counts purchases at (ambiguity 20): these only, all but these, or every store (null). */
export const offerStores = z.union([
  z.object({ related: z.array(z.string()) }),
  z.object({ unrelated: z.array(z.string()) }),
]);
export type OfferStores = z.infer<typeof offerStores>;

const text = z.string().nullable();

/** What a program sets on an offer (the seed's "challenge"); money in integer minor units. */
export const offerSettings = z.object({
  name: z.string(),
  offerType: z.enum(OFFER_TYPES),
  teaser: text,
  /** ISO 8601; null: from the creation on / without end. */
  startDate: text,
  endDate: text,
  rewardType: z.enum(REWARD_TYPES),
  rewardLabel: text,
  /** Minor units (points in a POINTS hub). */
  rewardValue: z.number().int().nonnegative(),
  /** Minor units summed over one customer's completions; null: no limit. */
  rewardCumulatedLimit: z.number().int().nonnegative().nullable(),
  conditionType: z.enum(CONDITION_TYPES),
  conditionLabel: text,
  /** Minor units for AMNT and `average`, a count for NMBR and RFRL. */
  conditionValue: z.number().int().nonnegative(),
  conditionValueType: z.enum(CONDITION_VALUE_TYPES),
  terms: text,
  /** Minor units (cappingType amount) or completions (count) for the whole offer; null: no cap. */
  cappingLimit: z.number().int().nonnegative().nullable(),
  cappingType: z.enum(CAPPING_TYPES),
  legalConditionText: text,
  stores: offerStores.nullable(),
  /** Stored and shown, not enforced (ambiguity 19). */
  nbTransactionPerReward: z.number().int().nonnegative().nullable(),
  /** Completions per customer; null: no limit. */
  occurrenceLimit: z.number().int().positive().nullable(),
  multipleOccurenceByDay: z.boolean(),
  active: z.boolean(),
  emailNotificationDate: text,
});
export type OfferSettings = z.infer<typeof offerSettings>;

const offer = aggregateEvents('offerId', ['hubId', 'programId']);

/** One offer of a hub, on `offer-<offerId>` (flow 3.1). */
export const offerEvents = {
  OfferCreated: offer.opening({
    settings: offerSettings,
    createdAt: z.string(),
  }),
  /** Only the fields that change; a changed offer applies to purchases after the change (decision 37). */
  OfferUpdated: offer.event({ changes: offerSettings.partial(), updatedAt: z.string() }),
  /** Delete challenge: the offer stops counting; its rewards stay. */
  OfferDeactivated: offer.event({ deactivatedAt: z.string() }),
};
export type OfferEvent = EventOf<typeof offerEvents>;

/**
 * The whole offer's paid completions, on `offertotal-<offerId>`, appended at its expected revision before a
 * completion is, so the total never passes `cappingLimit` (flow 3.4, decision 38).
 */
export const offerTotalEvents = {
  OfferCompletionCounted: z.object({
    offerId: z.string(),
    rewardId: z.string(),
    rewardValue: z.number().int().nonnegative(),
    countedAt: z.string(),
  }),
  /** The cap is reached: the offer counts nothing more (offer_updated `updated`, `active: false`). */
  OfferCapped: z.object({
    offerId: z.string(),
    hubId: z.string(),
    programId: z.string(),
    /** Minor units paid, and completions, when capped. */
    total: z.number().int(),
    completions: z.number().int(),
    cappedAt: z.string(),
  }),
};
export type OfferTotalEvent = EventOf<typeof offerTotalEvents>;
