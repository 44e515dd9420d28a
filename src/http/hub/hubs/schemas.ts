import { z } from 'zod';
import { DATA_RETRIEVAL_METHODS, REGISTRATION_TYPES, REWARD_TYPES } from '../../../domain/hub/hubs/events.js';
import { money } from '../../conventions/money.js';
import { paginationSchema } from '../../conventions/pagination.js';
import { color, coordinate, country, currency, email, host, language, optionalText, text, url } from '../fields.js';
import { clearable } from '../../shared/clearable.js';

const programName = z
  .string()
  .trim()
  .max(100)
  .regex(/^[0-9A-Za-zÀ-ÖØ-öø-ÿŁ-ňŊ-ſ ']*$/, "letters, digits, spaces and ' only");

const dataRetrievalMethod = z
  .array(z.enum(DATA_RETRIEVAL_METHODS))
  .min(1)
  .max(2)
  .refine((list) => new Set(list).size === list.length, 'each method once');

/** Every field a program sets on its hub; the required ones are required at creation only. */
const hubFields = {
  name: text(200),
  country,
  phoneRequired: z.boolean(),
  emailRequired: z.boolean(),
  customerExternalIdRequired: z.boolean(),
  dataRetrievalMethod,
  externalId: optionalText(100),
  shortcut: optionalText(50),
  programName: clearable(programName),
  mainLanguage: language.optional(),
  currency: currency.optional(),
  host: clearable(host),
  scanEnable: z.boolean().optional(),
  cardRestaurantEnable: z.boolean().optional(),
  cashback: z.boolean().optional(),
  claimMinimumAmount: clearable(money),
  smsSenderName: optionalText(11),
  recaptchaSiteKey: optionalText(200),
  recaptchaSecret: optionalText(200),
  streetNumber: optionalText(20),
  streetName: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  formattedAddress: optionalText(300),
  longitude: clearable(coordinate),
  latitude: clearable(coordinate),
  contactEmail: clearable(email),
  supportContactEmail: clearable(email),
  baseline: optionalText(1000),
  logo_url: clearable(url),
  favicon_url: clearable(url),
  colorPrimary: clearable(color),
  colorSecondary: clearable(color),
  colorBackground: clearable(color),
  colorComponent: clearable(color),
  css: clearable(z.string().max(50_000)),
  rewardType: z.enum(REWARD_TYPES).optional(),
  pointsPerCurrencyUnit: z.number().int().min(0).max(10_000).optional(),
};

export const createHubBody = z.strictObject(hubFields);
export type CreateHubBody = z.output<typeof createHubBody>;

export const patchHubBody = z.strictObject({
  ...hubFields,
  name: hubFields.name.optional(),
  country: hubFields.country.optional(),
  phoneRequired: hubFields.phoneRequired.optional(),
  emailRequired: hubFields.emailRequired.optional(),
  customerExternalIdRequired: hubFields.customerExternalIdRequired.optional(),
  dataRetrievalMethod: hubFields.dataRetrievalMethod.optional(),
});
export type PatchHubBody = z.output<typeof patchHubBody>;

/** What only the platform's operators set. */
export const adminPatchHubBody = z.strictObject({
  cashbackProvider: optionalText(50),
  walletNotificationThreshold: clearable(money),
  mgUserId: optionalText(100),
  mgWalletId: optionalText(100),
});

export const adminHubListQuery = paginationSchema.extend({
  shoppingHubName: z.string().trim().max(200).optional(),
  shoppingHubProgramName: z.string().trim().max(200).optional(),
});

export const lookupQuery = z.object({
  host: host.optional(),
  externalId: z.string().trim().min(1).max(100).optional(),
  customerExternalId: z.string().trim().min(1).max(100).optional(),
});

const optinInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,50}$/, 'letters, digits, _ . - (at most 50)'),
  label: z
    .record(language, z.string().trim().min(1).max(2000))
    .refine((labels) => Object.keys(labels).length > 0, 'at least one language')
    .refine((labels) => Object.keys(labels).length <= 20, 'at most 20 languages'),
  required: z.boolean().default(false),
});

export const putOptinsBody = z.strictObject({
  registrationType: z.enum(REGISTRATION_TYPES),
  optins: z.array(optinInput).max(50),
});

export const optinsQuery = z.object({
  lng: language.optional(),
  registrationType: z.enum(REGISTRATION_TYPES).default('SCR'),
});
