import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../../shared/events.js';
import { nullableTexts } from '../../shared/fields.js';

import { postalAddress } from '../address.js';

/** The supporter's billing address. */
export const billingAddress = postalAddress;

export const supporter = z.object({
  firstName: z.string(),
  lastName: z.string(),
  /** Null for an offline gift (check, cash) recorded without one. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: billingAddress.nullable(),
});
export type Supporter = z.infer<typeof supporter>;

export const lineItem = z.object({
  id: z.string(),
  type: z.enum(['donation', 'ticket']),
  name: z.string(),
  quantity: z.number().int().positive(),
  /** Minor units, per unit. */
  amount: z.number().int().nonnegative(),
});
export type LineItem = z.infer<typeof lineItem>;

export const utm = z.object(nullableTexts('source', 'medium', 'campaign', 'term', 'content'));
export type Utm = z.infer<typeof utm>;

export const donationStatus = z.enum(['succeeded', 'authorized', 'failed', 'canceled']);
export type DonationStatus = z.infer<typeof donationStatus>;

const donation = aggregateEvents('donationId', ['programId']);

export const donationEvents = {
  DonationRecorded: donation.opening({
    campaignId: z.string(),
    planId: z.string().nullable(),
    teamId: z.string().nullable(),
    userId: z.string().nullable(),
    supporter,
    method: z.enum(['card', 'check', 'cash']),
    status: donationStatus,
    coverFee: z.boolean(),
    /** Minor units, see fees.ts: amount = what the supporter paid, donated = amount − fee. */
    amount: z.number().int().nonnegative(),
    fee: z.number().int().nonnegative(),
    feeCovered: z.number().int().nonnegative(),
    donated: z.number().int().nonnegative(),
    payout: z.number().int().nonnegative(),
    currency: z.string().length(3),
    /** The processor's charge, for card donations charged through goodstream. */
    chargeId: z.string().nullable(),
    lineItems: z.array(lineItem),
    utm: utm.nullable(),
    givingSpace: z.object({ id: z.string(), name: z.string() }).nullable(),
    recordedAt: z.string(),
  }),
  DonationSupporterUpdated: donation.event({ changes: supporter.partial(), updatedAt: z.string() }),
  DonationRefunded: donation.event({ refundId: z.string().nullable(), refundedAt: z.string() }),
  DonationDeleted: donation.event({ deletedAt: z.string() }),
};
export type DonationEvent = EventOf<typeof donationEvents>;
export type DonationRecordedData = Extract<DonationEvent, { type: 'DonationRecorded' }>['data'];
