import { z } from 'zod';

/** Money as the API shows it: a string with two decimals, `"12.00"`, `"-10.53"`. */
export const moneyString = z.string().regex(/^-?\d+\.\d{2}$/, 'an amount with two decimals, e.g. "12.00"');

/** Integer minor units (as events carry money) to the API's two-decimal string. */
export function formatMinor(minor: number): string {
  const abs = Math.abs(minor);
  const sign = minor < 0 ? '-' : '';
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A text the payload or answer carries as null when there is none. */
export const nullableText = z.string().nullable();

/** A UTC ISO 8601 date-time, as the envelopes of seed 002 and the member surface carry. */
export const isoDateTime = z.iso.datetime({ offset: true });

/**
 * The envelope of seed 002's events and of the member surface:
 * `{"id", "type", "created_at", "data": <the resource as the API shows it>}`.
 */
export function envelope<const T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({ id: z.string().min(1), type: z.literal(type), created_at: isoDateTime, data });
}

/** The two ids every seed 004 payload names its shopping hub (program) by. */
export const shoppingHubIds = {
  shoppingHubId: z.string(),
  shoppingHubExternalId: z.string(),
};
