import { z } from 'zod';
import { CLAIM_CODES } from '../../../domain/hub/claims/events.js';
import { moneyString, nullableText, shoppingHubIds } from './common.js';

/* Seed 004's claim, offer and reward events. */

export const claimStatus = z.enum(['pending', 'validated', 'rejected']);

export const claimRejectionCode = z.enum(CLAIM_CODES);

export const customerRef = z.strictObject({ id: z.string(), externalId: z.string() });

/** claim_update: the seed's shape plus the shopping hub ids every other payload has (ambiguity 15). */
export const claimUpdate = z.strictObject({
  event: z.literal('claim_update'),
  eventType: claimStatus,
  ...shoppingHubIds,
  customer: customerRef,
  claim: z.strictObject({
    id: z.string(),
    /** A string with two decimals in the seed: "-12.00". */
    amount: moneyString,
    store: z.string(),
    storeId: z.string(),
    storeExternalId: z.string(),
    status: claimStatus,
    /** Set when rejected, else null. */
    rejectionReason: nullableText,
    code: claimRejectionCode.nullable(),
    /** When the claim was posted, ISO 8601 as the seed's example ("2021-10-08T06:50:40.479Z"). */
    date: z.iso.datetime({ offset: true }),
    /** Only for validated claims. */
    transactionId: nullableText,
    /** Declared by the user; the seed says YYYY/MM/DD but shows "2021-10-01": `YYYY-MM-DD` (ambiguity 15). */
    transactionDate: z.iso.date(),
  }),
});

export const rewardType = z.enum(['LTRY', 'RFND', 'GIFT_CARD']);
export const offerType = z.enum(['welcome', 'frequency', 'referral', 'average']);

/** The program may leave the teaser, the end and the labels out of an offer: null then (the start is its creation). */
const offerFields = {
  id: z.string(),
  startDate: z.string(),
  endDate: nullableText,
  name: z.string(),
  teaser: nullableText,
  offerType,
  rewardType,
  rewardLabel: nullableText,
  /** "10.00" */
  rewardValue: moneyString,
  conditionLabel: nullableText,
  /** "80.00" for an amount; a whole count ("3") for SPND+NMBR, RFRL and CREA. */
  conditionValue: z.string().regex(/^\d+(\.\d{2})?$/),
};

export const offerStatus = z.enum(['created', 'updated']);

export const offer = z.strictObject({ ...offerFields, status: offerStatus, active: z.boolean() });

export const offerUpdated = z.strictObject({
  event: z.literal('offer_updated'),
  ...shoppingHubIds,
  offer,
});

export const rewardUpdated = z.strictObject({
  event: z.literal('reward_updated'),
  ...shoppingHubIds,
  customer: customerRef,
  reward: z.strictObject({
    id: z.string(),
    status: z.enum(['started', 'pending', 'completed', 'refunded']),
    /** The offer (a "challenge") this reward progresses on. */
    offerId: z.string(),
  }),
  /** The seed's list omits status and active; its example shows status only: both optional. */
  offer: z.strictObject({ ...offerFields, status: offerStatus.optional(), active: z.boolean().optional() }),
});
