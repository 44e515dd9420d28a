import { z } from 'zod';
import { envelope, isoDateTime, moneyString } from '../../webhooks/payloads/common.js';

/*
 * The member surface's events, in seed 002's envelope. `data` is the member-facing
 * resource with the field names of seed 000 (snake_case, money as "12.00"), kept to
 * what a program needs to act on: no birthday, phone, street, and never a password
 * hash or a token digest. Strict objects, so a field nobody chose cannot slip in.
 */

const plan = z.enum(['M', 'Y']);

export const registeredMember = z.strictObject({
  id: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  city: z.string(),
  zipcode: z.string(),
  code_partner: z.string().nullable(),
  /** Has an active subscription: never yet at registration. */
  member: z.literal(false),
  created_at: isoDateTime,
});

export const memberSubscription = z.strictObject({
  id: z.string(),
  /** From the profile the dispatcher passes, when it has one. */
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  member: z.boolean(),
  /** M (monthly), Y (yearly), null once stopped. */
  subscription: plan.nullable(),
  amount: moneyString.nullable(),
  currency: z.string().length(3).nullable(),
  /** Present when the change names the cause the subscription gives to. */
  cause_attributes: z.strictObject({ id: z.string() }).optional(),
  /** Present when a renewal was declined: past_due, not a member until a later attempt succeeds. */
  status: z.literal('past_due').optional(),
});

/** One of seed 000's `donation_attributes`, with its ids and currency. */
export const memberDonation = z.strictObject({
  id: z.string(),
  member_id: z.string(),
  cause_id: z.string(),
  /** From the catalogue; null while the catalogue does not know the cause. */
  cause_name: z.string().nullable(),
  subscription: plan,
  /** What the member paid for the period. */
  amount: moneyString,
  /** What reached the cause: the program's cause share of `amount`. */
  donation: moneyString,
  currency: z.string().length(3),
  created_at: isoDateTime,
});

export const memberPayloadSchemas = {
  'member.registered': envelope('member.registered', registeredMember),
  'member.subscription_changed': envelope('member.subscription_changed', memberSubscription),
  'member.donation_made': envelope('member.donation_made', memberDonation),
};
