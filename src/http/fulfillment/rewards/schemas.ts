import { z } from 'zod';
import { currency, positiveMoney, sku, text } from '../fields.js';
import { wrapped } from '../common.js';

const media = z.enum(['code', 'url', 'barcode', 'pdf']);
const status = z.enum(['enabled', 'paused', 'disabled']);

const rewardFields = {
  name: text(200),
  provider: z.strictObject({
    id: text(64).meta({ description: "the provider's own reference", 'x-external-id': true }),
    name: text(200),
  }),
  denomination_type: z.enum(['fixed', 'variable']),
  face_value: positiveMoney.nullable().optional(),
  min_value: positiveMoney.nullable().optional(),
  max_value: positiveMoney.nullable().optional(),
  currency,
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as FR'))
    .min(1)
    .max(250),
  categories: z.array(text(64)).max(50),
  media: z.array(media).min(1).max(4),
  status,
  description: z.string().trim().max(5000),
  terms_and_conditions: z.string().trim().max(10_000),
  logo_url: z.url().max(2000).nullable(),
};

export const createRewardBody = wrapped(
  z.strictObject({
    sku,
    ...rewardFields,
    categories: rewardFields.categories.default([]),
    media: rewardFields.media.default(['code']),
    status: status.default('enabled'),
    description: rewardFields.description.default(''),
    terms_and_conditions: rewardFields.terms_and_conditions.default(''),
    logo_url: rewardFields.logo_url.optional(),
    stock_quantity: z.number().int().min(0).max(1_000_000_000).nullable().optional(),
  }),
);

export const patchRewardBody = wrapped(
  z.strictObject(
    Object.fromEntries(Object.entries(rewardFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof rewardFields]: z.ZodOptional<(typeof rewardFields)[K]>;
    },
  ),
);

export const stockBody = wrapped(
  z.strictObject({
    quantity: z
      .number()
      .int()
      .min(-1_000_000_000)
      .max(1_000_000_000)
      .refine((q) => q !== 0, 'not 0'),
  }),
);

export const rewardListQuery = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  currency: currency.optional(),
  category: z.string().max(64).optional(),
  provider: z.string().max(64).optional(),
  in_stock: z.enum(['true', 'false']).optional(),
  page: z.unknown().optional(),
  per_page: z.unknown().optional(),
});
