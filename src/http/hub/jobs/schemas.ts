import { z } from 'zod';
import { currency, text } from '../fields.js';

export const JOB_NAMES = ['bankSync', 'transactionPush', 'cashbackSubmit', 'cashbackSettle', 'claimExpiry'] as const;

export const jobParams = z.object({ jobName: z.enum(JOB_NAMES) });
/** Decision 40: `{hubId}` names one hub; without it, every hub. */
export const jobBody = z.strictObject({ hubId: z.uuid().optional() }).optional();

const SIGNED_DECIMAL = /^(-?)(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "-10.53" or -10.53 → -1053: debits negative, at most two decimals, never 0. */
const signedMoney = z
  .union([z.string().trim(), z.number().min(-999_999_999).max(999_999_999)])
  .transform(String)
  .pipe(z.string().regex(SIGNED_DECIMAL, 'an amount with at most two decimals, debits negative, such as "-10.53"'))
  .transform((value) => {
    const [, sign = '', units = '0', cents = ''] = SIGNED_DECIMAL.exec(value) ?? [];
    return (sign === '-' ? -1 : 1) * (Number(units) * 100 + Number(cents.padEnd(2, '0')));
  })
  .pipe(
    z
      .number()
      .int()
      .refine((n) => n !== 0, 'not 0'),
  );

const day = z.iso.date();

export const injectParams = z.object({ connectionId: z.uuid() });
export const injectQuery = z.object({ sync: z.enum(['now']).optional() });
export const injectBody = z.strictObject({
  transactions: z
    .array(
      z.strictObject({
        label: text(200),
        amount: signedMoney,
        currency: currency.default('EUR'),
        purchaseDate: day,
        dateBankingStatement: day.optional(),
      }),
    )
    .min(1)
    .max(1000),
});
