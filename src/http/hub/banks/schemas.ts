import { z } from 'zod';
import { AUTH_MODELS, CARD_TYPES } from '../../../domain/hub/banks/events.js';
import { paginationSchema } from '../../conventions/pagination.js';
import { country, text } from '../fields.js';

const authModels = z
  .array(z.enum(AUTH_MODELS))
  .min(1)
  .max(2)
  .refine((list) => new Set(list).size === list.length, 'each model once');
const providerCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'lower-case letters, digits, _ and -');

export const addBankBody = z.strictObject({
  name: text(100),
  cardType: z.enum(CARD_TYPES),
  providerCode,
  country,
  authModels,
  active: z.boolean().optional(),
});

export const patchBankBody = z.strictObject({
  name: text(100).optional(),
  cardType: z.enum(CARD_TYPES).optional(),
  providerCode: providerCode.optional(),
  country: country.optional(),
  authModels: authModels.optional(),
  active: z.boolean().optional(),
});

export const adminBankListQuery = paginationSchema;
export const hubBanksQuery = z.object({ cardType: z.enum(CARD_TYPES).optional() });
export const bankIdParam = z.object({ bankId: z.uuid() });
export const providerCodeParam = z.object({ code: z.string().max(50) });
