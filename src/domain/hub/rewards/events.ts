import { z } from 'zod';
import type { EventOf } from '../../shared/events.js';

export const REWARD_TYPES = ['LTRY', 'RFND', 'GIFT_CARD'] as const;
export type RewardType = (typeof REWARD_TYPES)[number];

/** How a completed reward is paid: a cashback (RFND in a CASHBACK hub), points (POINTS hub), or not by us (18). */
export const SETTLEMENTS = ['cashback', 'points', 'none'] as const;
export type Settlement = (typeof SETTLEMENTS)[number];

/** Which reward: one occurrence of an offer for one customer of a hub. */
const occurrenceOf = {
  rewardId: z.string(),
  hubId: z.string(),
  programId: z.string(),
  customerId: z.string(),
  offerId: z.string(),
  occurrence: z.number().int().positive(),
};

/** A purchase the reward counted, and where the count stands after it. */
const countedPurchase = {
  /** What was counted: the purchase's transaction id, or the subscribing customer's id for CREA and RFRL. */
  transactionId: z.string(),
  /** `YYYY-MM-DD` of a purchase; null for a subscription. */
  purchaseDate: z.string().nullable(),
  /** What it adds: the debit's size in minor units (1 for a subscription). */
  amount: z.number().int().nonnegative(),
  /** Minor units (SPND+AMNT, average) or a count (SPND+NMBR), after this purchase. */
  value: z.number().int(),
  target: z.number().int(),
};

/**
 * One occurrence of an offer for one customer, on `reward-<rewardIdOf(customerId, offerId, occurrence)>` (flow 3.3).
 * Every counted purchase names its transaction and its date, so the fold knows what was counted: a replay, a second
 * engine or a retry after a crash decides against it and counts nothing twice.
 */
export const rewardEvents = {
  RewardStarted: z.object({ ...occurrenceOf, ...countedPurchase, startedAt: z.string() }),
  RewardProgressed: z.object({ rewardId: z.string(), ...countedPurchase, progressedAt: z.string() }),
  RewardCompleted: z.object({
    ...occurrenceOf,
    rewardType: z.enum(REWARD_TYPES),
    /** Minor units (or points in a POINTS hub). */
    rewardValue: z.number().int().nonnegative(),
    currency: z.string(),
    settlement: z.enum(SETTLEMENTS),
    /** The purchase that met the condition, when a purchase did (ours; absent for CREA and RFRL). */
    transactionId: z.string().optional(),
    completedAt: z.string(),
  }),
  /** The reward's cashback reached the customer (contract item 4): appended once. */
  RewardRefunded: z.object({ rewardId: z.string(), cashbackId: z.string(), refundedAt: z.string() }),
};
export type RewardEvent = EventOf<typeof rewardEvents>;
export type RewardCompletedData = z.output<typeof rewardEvents.RewardCompleted>;
