import { z } from 'zod';
import { RECEIPT_REJECTION_REASONS } from '../../../domain/hub/receipts/events.js';
import { paginationSchema } from '../../conventions/pagination.js';
import { optinValue } from '../../../domain/hub/customers/events.js';

const DEBIT = /^-(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * "-24.17" or -24.17 → -2417: money leaving the customer is negative (decision 35), so a positive amount is refused.
 */
export const debitAmount = z
  .union([z.string().trim(), z.number().min(-999_999_999).max(999_999_999)])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v))
  .pipe(z.string().regex(DEBIT, 'a debit, negative, with at most two decimals, such as "-24.17"'))
  .transform((value) => {
    const [, units = '0', cents = ''] = DEBIT.exec(value) ?? [];
    return -(Number(units) * 100 + Number(cents.padEnd(2, '0')));
  })
  .pipe(z.number().int().negative('not 0'));

export const receiptParam = z.object({ receiptId: z.uuid() });

export const customerPatchBody = z.strictObject({
  receiptId: z.string().max(100).optional(),
  storeId: z.string().trim().min(1).max(100),
});

export const RECEIPT_STATUSES = ['validated', 'rejected', 'pending', 'underReview'] as const;

export const programPatchBody = z.strictObject({
  status: z.enum(RECEIPT_STATUSES),
  amount: debitAmount.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** The purchase's date, or date and time (ISO 8601). */
  dateTime: z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })]).optional(),
  storeId: z.string().trim().min(1).max(100).optional(),
  rejectionReason: z.enum(RECEIPT_REJECTION_REASONS).optional(),
});
export type ProgramPatchBody = z.infer<typeof programPatchBody>;

export const listQuery = paginationSchema.extend({
  status: z.enum(RECEIPT_STATUSES).optional(),
  customerId: z.uuid().optional(),
});

export const nextQuery = z.object({ receiptId: z.uuid().optional() });

/** postFirstReceipt's text parts: `customerId` (the token's), `optins` stringified. */
export const firstReceiptFields = z.object({
  customerId: z.uuid(),
  optins: z
    .string()
    .max(10_000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return z.array(optinValue).max(50).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'a JSON array of {code, value}' });
        return z.NEVER;
      }
    }),
});
