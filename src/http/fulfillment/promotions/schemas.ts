import { z } from 'zod';
import { isoDateTime } from '../../conventions/dates.js';
import { currency, sku, text } from '../fields.js';
import { wrapped } from '../common.js';
import { decimalText, toHundredths } from '../../conventions/money.js';

const offerStatus = z.enum(['enabled', 'paused', 'disabled']);
const status = z.enum(['enabled', 'paused', 'completed', 'disabled']);

const fields = {
  name: text(200),
  start_datetime: isoDateTime(),
  end_datetime: isoDateTime(),
  rewards: z
    .array(z.strictObject({ sku, status: offerStatus.default('enabled') }))
    .min(1)
    .max(100)
    .refine((offers) => new Set(offers.map((o) => o.sku)).size === offers.length, 'each sku once'),
  authentication_systems: z
    .array(z.enum(['none', 'token', 'user_id']))
    .min(1)
    .max(3)
    .refine((systems) => new Set(systems).size === systems.length, 'each system once'),
  redeem_frequency: z.enum(['single', 'multiple']),
  budget: z.strictObject({ amount: decimalText.transform(toHundredths), currency }),
  link_ttl_days: z.number().int().min(1).max(365),
  redemption_url_template: z
    .url()
    .max(2000)
    .refine((url) => url.includes('{claim_code}') || url.includes('%7Bclaim_code%7D'), 'has a {claim_code} placeholder')
    .nullable(),
  status,
};

export const createPromotionBody = wrapped(
  z.strictObject({
    ...fields,
    redeem_frequency: fields.redeem_frequency.default('multiple'),
    link_ttl_days: fields.link_ttl_days.default(30),
    redemption_url_template: fields.redemption_url_template.optional(),
    status: status.default('enabled'),
  }),
);

export const patchPromotionBody = wrapped(
  z.strictObject(
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
    },
  ),
);

export const promotionListQuery = z.object({
  status: status.optional(),
  state: z.enum(['pending', 'ready', 'ended']).optional(),
  page: z.unknown().optional(),
  per_page: z.unknown().optional(),
});
