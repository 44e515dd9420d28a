import { z } from 'zod';
import { addressBody } from '../address.js';
import { isoDateTime } from '../../conventions/dates.js';
import { money } from '../../conventions/money.js';
import { email, optionalText, text } from '../fields.js';

/** Any ISO 8601 date, normalised to UTC `…Z` (the domain compares them as text). */
const dateTime = isoDateTime();
/** A billing address: its country is an ISO 3166 alpha-2 code. */
const address = addressBody(2);

const supporterFields = {
  first_name: text(100),
  last_name: text(100),
  email,
  phone: optionalText(40),
  address: address.nullable().optional(),
};

/** The client's own references (its users, teams, giving spaces), kept as they came. */
const EXTERNAL = { description: "the client's own reference, not a goodstream id", 'x-external-id': true };
const externalId = z.string().trim().min(1).max(64).meta(EXTERNAL);

export const createDonationBody = z
  .strictObject({
    campaign_id: z.uuid(),
    amount: money.refine((v) => v > 0, 'more than 0'),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'))
      .meta({ pattern: '^[A-Za-z]{3}$' }),
    method: z.enum(['card', 'check', 'cash']),
    cover_fee: z.boolean().default(false),
    /** A card's payment-method token; `tok_fail` is declined by the sandbox. */
    payment_token: z.string().trim().min(1).max(200).optional(),
    ...supporterFields,
    /** Required for a card donation (the receipt goes there); an offline gift (check, cash) may have none. */
    email: email.nullable().optional(),
    line_items: z
      .array(
        z.strictObject({
          type: z.enum(['donation', 'ticket']).default('donation'),
          name: text(200),
          quantity: z.number().int().positive().max(10_000).default(1),
          amount: money,
        }),
      )
      .max(100)
      .default([]),
    utm: z
      .strictObject({
        source: optionalText(200),
        medium: optionalText(200),
        campaign: optionalText(200),
        term: optionalText(200),
        content: optionalText(200),
      })
      .nullable()
      .optional(),
    giving_space: z
      .strictObject({ id: text(64).meta(EXTERNAL), name: text(200) })
      .nullable()
      .optional(),
    user_id: externalId.nullable().optional(),
    team_id: externalId.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.method === 'card' && !body.email)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'required for a card donation (its receipt goes there)',
      });
  });

export const patchDonationBody = z.strictObject({
  first_name: supporterFields.first_name.optional(),
  last_name: supporterFields.last_name.optional(),
  email: email.optional(),
  phone: supporterFields.phone,
  address: supporterFields.address,
});

export const donationListQuery = z.object({
  campaign_id: z.uuid().optional(),
  status: z.enum(['succeeded', 'authorized', 'failed', 'canceled']).optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
});
