import { z } from 'zod';
import { decimalText, toHundredths } from '../../conventions/money.js';

/* The bodies of the tenancy routes: a program's creation, its signing key, a token request. */

/** A decimal amount as a string ("2.90"); a JSON number is accepted and read the same way. */
const decimal = (fallback: string) => decimalText.default(fallback);

export const createProgramBody = z.object({
  name: z.string().trim().min(1).max(200),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO 4217 code such as EUR')
    .transform((c) => c.toUpperCase())
    .default('EUR'),
  cause_share_percent: z.number().int().min(0).max(100).default(80),
  card_fee_percent: decimal('2.90').refine((v) => toHundredths(v) <= 10_000, 'at most 100'),
  card_fee_fixed: decimal('0.30'),
  external_token_validation_url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
});

export const signingKeyBody = z.object({
  public_key: z.string().min(1).max(16_384),
});

export const tokenBody = z.object({
  grant_type: z.literal('client_credentials', { error: 'only client_credentials is supported' }),
});
