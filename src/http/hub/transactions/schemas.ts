import { z } from 'zod';
import { paginationSchema } from '../../conventions/pagination.js';

const DAY_MS = 86_400_000;
/** getPushedTransactions covers at most this many days. */
export const PUSHED_MAX_DAYS = 30;
/** getUnaffectedTransactions looks this far back. */
export const UNAFFECTED_DAYS = 90;

const day = z.iso.date();
/** A date or a time (ISO 8601): a date is its UTC midnight. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => new Date(s));

export const customerStoresQuery = z.object({ transaction: z.enum(['true', 'false']).default('true') });

export const customerTransactionsQuery = paginationSchema
  .extend({ from: day.optional(), to: day.optional() })
  .superRefine((q, ctx) => {
    if (q.to !== undefined && q.from === undefined)
      ctx.addIssue({ code: 'custom', path: ['from'], message: '`to` needs `from`' });
    if (q.from !== undefined && q.to !== undefined && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'before `from`' });
  });

export const storeKeyParam = z.object({ storeId: z.string().min(1).max(100) });
export const serviceKeyParam = z.object({ serviceId: z.string().min(1).max(100) });

export const pushedQuery = paginationSchema.extend({ startDate: instant, endDate: instant }).superRefine((q, ctx) => {
  const span = q.endDate.getTime() - q.startDate.getTime();
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'after startDate' });
  else if (span > PUSHED_MAX_DAYS * DAY_MS)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: `at most ${PUSHED_MAX_DAYS} days after startDate` });
});

export const unaffectedQuery = paginationSchema;

export const transactionParam = z.object({ transactionId: z.uuid() });
/** Our id or the store's externalId (ambiguity 27). */
export const associationBody = z.strictObject({ storeId: z.string().trim().min(1).max(100) });

export const storeRecommendationsBody = z.strictObject({ customerList: z.array(z.uuid()).min(1).max(100) });
