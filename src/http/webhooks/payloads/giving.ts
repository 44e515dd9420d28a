import { z } from 'zod';
import { envelope, isoDateTime, moneyString, nullableText } from './common.js';

/*
 * Seed 002's events in the envelope `{id, type, created_at, data}`, `data` being
 * the resource as the API shows it: snake_case, money as two-decimal strings.
 * The resources are loose objects (fields the presenter adds later pass through);
 * the envelope is strict. A deleted resource is sent as it last was.
 */

export const billingAddress = z.looseObject({
  line1: nullableText,
  line2: nullableText,
  city: nullableText,
  state: nullableText,
  postal_code: nullableText,
  country: nullableText,
});

export const lineItem = z.looseObject({
  id: z.string(),
  /** A donation or a ticket. */
  type: z.enum(['donation', 'ticket']),
  name: z.string(),
  quantity: z.number().int().positive(),
  amount: moneyString,
});

export const utm = z.looseObject({
  source: nullableText,
  medium: nullableText,
  campaign: nullableText,
  term: nullableText,
  content: nullableText,
});

/** Seed 002's Transaction object: a donation or a ticket purchase. */
export const donationResource = z.looseObject({
  id: z.string(),
  campaign_id: z.string(),
  plan_id: nullableText,
  team_id: nullableText,
  user_id: nullableText,
  first_name: z.string(),
  last_name: z.string(),
  /** Null for an offline gift (check, cash) recorded without one. */
  email: nullableText,
  phone: nullableText,
  address: billingAddress.nullable(),
  status: z.enum(['succeeded', 'authorized', 'failed', 'canceled']),
  method: z.enum(['card', 'check', 'cash']),
  amount: moneyString,
  fee: moneyString,
  fee_covered: moneyString,
  donated: moneyString,
  /** 0 for offline (check, cash) donations. */
  payout: moneyString,
  currency: z.string().length(3),
  created_at: isoDateTime,
  captured: z.boolean(),
  captured_at: isoDateTime.nullable(),
  refunded: z.boolean(),
  refunded_at: isoDateTime.nullable(),
  line_items: z.array(lineItem),
  giving_space: z.looseObject({ id: z.string(), name: z.string() }).nullable(),
  utm: utm.nullable(),
});

export const contactResource = z.looseObject({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: nullableText,
  phone: nullableText,
  address: billingAddress.nullable(),
  company_id: nullableText,
  tags: z.array(z.looseObject({ id: z.string(), name: z.string() })),
  created_at: isoDateTime,
  updated_at: isoDateTime,
});

export const campaignManager = z.looseObject({
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
});

/** Seed 002's Campaign object ("number of donors" spelt `number_of_donors`, "Managers" `managers`). */
export const campaignResource = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  slug: z.string(),
  goal: moneyString,
  raised: moneyString,
  number_of_donors: z.number().int().nonnegative(),
  start_at: isoDateTime,
  end_at: isoDateTime.nullable(),
  url: z.string(),
  image: z.looseObject({ url: z.string() }).nullable(),
  created_at: isoDateTime,
  updated_at: isoDateTime,
  managers: z.array(campaignManager),
});

export const givingPayloadSchemas = {
  'donation.created': envelope('donation.created', donationResource),
  'donation.deleted': envelope('donation.deleted', donationResource),
  'donation.refunded': envelope(
    'donation.refunded',
    donationResource.extend({ refunded: z.literal(true), refunded_at: isoDateTime }),
  ),
  'contact.created': envelope('contact.created', contactResource),
  'contact.deleted': envelope('contact.deleted', contactResource),
  'campaign.created': envelope('campaign.created', campaignResource),
  'campaign.disabled': envelope('campaign.disabled', campaignResource),
};
