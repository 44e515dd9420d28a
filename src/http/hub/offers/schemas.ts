import { z } from 'zod';
import {
  CAPPING_TYPES,
  CONDITION_TYPES,
  CONDITION_VALUE_TYPES,
  OFFER_TYPES,
  type OfferSettings,
} from '../../../domain/hub/offers/events.js';
import { REWARD_TYPES } from '../../../domain/hub/rewards/events.js';
import { decimalText, money, toHundredths } from '../../conventions/money.js';
import { HttpError } from '../../errors.js';
import { orNull } from '../../shared/fields.js';
import { optionalText, text } from '../fields.js';
import { clearable } from '../../shared/clearable.js';

/* The offer bodies (the back office's "Create a new challenge" and "Update challenge"), one detail per bad field. */

/** A date-time with an offset, or a date (its UTC midnight): kept as normalised ISO 8601 UTC, so they compare. */
const when = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value).toISOString());

const ids = z.array(z.string().trim().min(1).max(100)).max(500);
export const storesField = z.union([z.strictObject({ related: ids }), z.strictObject({ unrelated: ids })]);

const fields = {
  name: text(200),
  offerType: z.enum(OFFER_TYPES),
  teaser: optionalText(500),
  startDate: clearable(when),
  endDate: clearable(when),
  rewardType: z.enum(REWARD_TYPES).optional(),
  rewardLabel: optionalText(200),
  rewardValue: money.optional(),
  rewardCumulatedLimit: clearable(money),
  conditionType: z.enum(CONDITION_TYPES).optional(),
  conditionLabel: optionalText(500),
  /** Money for AMNT and `average`, a whole count for NMBR, RFRL, CREA: checked against the type below. */
  conditionValue: decimalText.optional(),
  conditionValueType: z.enum(CONDITION_VALUE_TYPES).optional(),
  terms: optionalText(10_000),
  cappingLimit: clearable(decimalText),
  cappingType: z.enum(CAPPING_TYPES).optional(),
  legalConditionText: optionalText(10_000),
  stores: clearable(storesField),
  nbTransactionPerReward: clearable(z.number().int().min(0).max(1_000_000)),
  occurrenceLimit: clearable(z.number().int().min(1).max(1_000_000)),
  multipleOccurenceByDay: z.boolean().optional(),
  active: z.boolean().optional(),
  emailNotificationDate: clearable(when),
};

const period = (body: { startDate?: string | null; endDate?: string | null }, ctx: z.RefinementCtx) => {
  if (body.startDate && body.endDate && body.startDate > body.endDate)
    ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'must not be after endDate' });
};

export const createOfferBody = z.object(fields).superRefine(period);
export type CreateOfferBody = z.output<typeof createOfferBody>;

export const patchOfferBody = z
  .object(fields)
  .partial()
  .extend({ storeChanges: z.strictObject({ added: ids.default([]), removed: ids.default([]) }).optional() })
  .superRefine(period);
export type PatchOfferBody = z.output<typeof patchOfferBody>;

/** The condition each offerType implies when the body names none (ambiguity 19). */
const DEFAULT_CONDITION = { welcome: 'CREA', referral: 'RFRL', frequency: 'SPND', average: 'SPND' } as const;

/** Whether `conditionValue` counts (whole numbers) rather than amounts, for this condition. */
export const countsCondition = (s: Pick<OfferSettings, 'offerType' | 'conditionType' | 'conditionValueType'>) =>
  s.offerType !== 'average' && (s.conditionType !== 'SPND' || s.conditionValueType === 'NMBR');

const fieldError = (field: string, message: string) =>
  new HttpError('invalid_request', 'the offer has a bad field', [{ field, message }]);

/** A decimal as a count (a whole number) or as money (minor units). */
function measure(value: string, asCount: boolean, field: string): number {
  if (!asCount) return toHundredths(value);
  if (!/^\d+$/.test(value)) throw fieldError(field, 'a whole number for this type');
  return Number(value);
}

/** The settings a create body gives, with the defaults the seed leaves open. */
export function toSettings(body: CreateOfferBody): OfferSettings {
  const conditionType = body.conditionType ?? DEFAULT_CONDITION[body.offerType];
  const conditionValueType = body.conditionValueType ?? 'AMNT';
  const cappingType = body.cappingType ?? 'amount';
  const shape = { offerType: body.offerType, conditionType, conditionValueType };
  return {
    name: body.name,
    offerType: body.offerType,
    ...orNull(body, ['teaser', 'startDate', 'endDate']),
    rewardType: body.rewardType ?? 'RFND',
    rewardLabel: body.rewardLabel ?? null,
    rewardValue: body.rewardValue ?? 0,
    rewardCumulatedLimit: body.rewardCumulatedLimit ?? null,
    conditionType,
    conditionLabel: body.conditionLabel ?? null,
    conditionValue: measure(body.conditionValue ?? '0', countsCondition(shape), 'conditionValue'),
    conditionValueType,
    terms: body.terms ?? null,
    cappingLimit:
      body.cappingLimit == null ? null : measure(body.cappingLimit, cappingType === 'count', 'cappingLimit'),
    cappingType,
    ...orNull(body, ['legalConditionText', 'stores', 'nbTransactionPerReward', 'occurrenceLimit']),
    multipleOccurenceByDay: body.multipleOccurenceByDay ?? false,
    active: body.active ?? true,
    emailNotificationDate: body.emailNotificationDate ?? null,
  };
}

/** The changes a PATCH body asks, measured against the offer's current settings. */
export function toChanges(body: PatchOfferBody, current: OfferSettings): Partial<OfferSettings> {
  const { storeChanges: _, conditionValue, cappingLimit, ...rest } = body;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const changes = defined as Partial<OfferSettings>;
  const merged = { ...current, ...changes };
  if (conditionValue !== undefined)
    changes.conditionValue = measure(conditionValue, countsCondition(merged), 'conditionValue');
  if (cappingLimit !== undefined)
    changes.cappingLimit =
      cappingLimit === null ? null : measure(cappingLimit, merged.cappingType === 'count', 'cappingLimit');
  return changes;
}

export const offerParam = z.object({ offerId: z.uuid() });
export const offerListQuery = z.object({
  current: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
