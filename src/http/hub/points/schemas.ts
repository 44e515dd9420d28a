import { z } from 'zod';

/** spendPoints: a whole number of points above 0; `operationDate` now unless given (ISO 8601 or a date). */
export const spendBody = z.object({
  value: z.number().int().min(1).max(1_000_000_000),
  operationDate: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00.000Z` : v).toISOString())
    .optional(),
});

export const customerParam = z.object({ customerId: z.uuid() });

/** How many entries the history shows, newest first. */
export const HISTORY_LIMIT = 500;
