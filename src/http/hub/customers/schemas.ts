import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { paginationSchema } from '../../conventions/pagination.js';
import { PHONE_COUNTRY_CODES } from '../../../commands/hub/ports/phone-countries.js';
import { GENDERS, ORIGINS } from '../../../domain/hub/customers/events.js';
import { REGISTRATION_TYPES } from '../../../domain/hub/hubs/events.js';
import { email, language, optionalText, text } from '../fields.js';
import { clearable } from '../../shared/clearable.js';

/** A calling code the SMS port serves, as a number or a string ("33", "+33"). */
export const countryCode = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\+?\d{1,3}$/, 'a calling code such as 33'),
  ])
  .transform((v) => Number(String(v).replace('+', '')))
  .pipe(
    z
      .number()
      .int()
      .refine((c) => PHONE_COUNTRY_CODES.includes(c), 'a country GET /v1/hub/phone-countries lists'),
  );

/** The national number, digits only, without its leading 0 ("06 12 34 56 78" → "612345678"). */
export const phoneNumber = z
  .string()
  .trim()
  .max(30)
  .transform((v) => v.replace(/[\s.()-]/g, '').replace(/^0+/, ''))
  .pipe(z.string().regex(/^\d{4,15}$/, 'a phone number, digits only'));

/** Whether the number can exist in that country; added to a body's issues under `phoneNumber`. */
export function checkPhone(
  body: { phoneNumber?: string | null | undefined; countryCode?: number | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (typeof body.phoneNumber !== 'string') return;
  if (typeof body.countryCode !== 'number') {
    ctx.addIssue({ code: 'custom', path: ['countryCode'], message: 'required with phoneNumber' });
    return;
  }
  if (!parsePhoneNumberFromString(`+${body.countryCode}${body.phoneNumber}`)?.isPossible())
    ctx.addIssue({ code: 'custom', path: ['phoneNumber'], message: 'not a possible number for this country code' });
}

export const birthDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'a date of birth, YYYY-MM-DD');
const optins = z
  .array(z.strictObject({ code: z.string().trim().min(1).max(50), value: z.boolean() }))
  .max(50)
  .refine((list) => new Set(list.map((o) => o.code)).size === list.length, 'each code once');
/** Unix seconds, as a number or a numeric string. */
const unixSeconds = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,12}$/, 'Unix seconds'),
  ])
  .transform(Number)
  .pipe(z.number().int().min(0).max(99_999_999_999));

export const registerBody = z
  .strictObject({
    phoneNumber: phoneNumber.optional(),
    countryCode: countryCode.optional(),
    captcha: z.string().max(4000).optional(),
    origin: z.enum(ORIGINS).optional(),
    referer: optionalText(200),
    customerExternalId: text(100).optional(),
    firstName: optionalText(100),
    lastName: optionalText(100),
    birthDate: clearable(birthDate),
    gender: clearable(z.enum(GENDERS)),
    familyStatus: optionalText(50),
    postalCode: optionalText(20),
    email: email.optional(),
    optins: optins.default([]),
    outsideOptIn: z.boolean().default(false),
    referralInfo: z.strictObject({ referralCode: z.string().trim().min(1).max(20) }).optional(),
    preferredLanguage: clearable(language),
    transactionsEligibleFromDate: unixSeconds.optional(),
  })
  .superRefine(checkPhone);
export type RegisterBody = z.output<typeof registerBody>;

export const phoneHeaders = z
  .object({ phonenumber: phoneNumber, countrycode: countryCode })
  .transform((h) => ({ phoneNumber: h.phonenumber, countryCode: h.countrycode }));

export const temporaryCodeBody = z.strictObject({
  phoneNumber,
  countryCode,
  temporaryCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
});

export const password = z.string().min(8, 'at least 8 characters').max(200);

export const loginBody = z
  .strictObject({
    phoneNumber: phoneNumber.optional(),
    countryCode: countryCode.optional(),
    email: email.optional(),
    password: z.string().min(1).max(200),
  })
  .refine((b) => b.email !== undefined || (b.phoneNumber !== undefined && b.countryCode !== undefined), {
    message: 'email, or phoneNumber and countryCode',
    path: ['email'],
  });

export const passwordEmailHeaders = z.object({ email });
export const resetPasswordBody = z.strictObject({ token: z.string().trim().min(20).max(200), password });

export const patchCustomerBody = z
  .strictObject({
    firstName: optionalText(100),
    lastName: optionalText(100),
    email: clearable(email),
    phoneNumber: clearable(phoneNumber),
    countryCode: clearable(countryCode),
    password: password.optional(),
    outsideOptIn: z.boolean().optional(),
    birthDate: clearable(birthDate),
    preferredLanguage: clearable(language),
    gender: clearable(z.enum(GENDERS)),
    postalCode: optionalText(20),
    familyStatus: optionalText(50),
  })
  .superRefine(checkPhone);

export const changePasswordBody = z.strictObject({ currentPassword: z.string().min(1).max(200), password });

export const putCustomerOptinsBody = z.strictObject({
  registrationType: z.enum(REGISTRATION_TYPES).default('SCR'),
  optins,
});
export const customerOptinsQuery = z.object({ lng: language.optional() });

export const outboxQuery = paginationSchema.extend({ to: z.string().trim().min(1).max(254).optional() });

export const referralCheckBody = z
  .strictObject({
    referralCode: z.string().trim().min(1).max(20).optional(),
    phoneNumber: phoneNumber.optional(),
    countryCode: countryCode.optional(),
  })
  .refine((b) => b.referralCode !== undefined || (b.phoneNumber !== undefined && b.countryCode !== undefined), {
    message: 'referralCode, or phoneNumber and countryCode',
    path: ['referralCode'],
  });

export const trackQuery = z.object({
  eventName: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'letters, digits, _ . : - (at most 100)'),
  value: z.string().trim().max(500).optional(),
});

const queryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const customerListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
  startDate: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  endDate: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  search: z.string().trim().min(1).max(254).optional(),
  memberFullyRegistered: queryBool.optional(),
});
