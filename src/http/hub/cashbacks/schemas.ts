import { z } from 'zod';
import { paginationSchema } from '../../conventions/pagination.js';
import { currency, text } from '../fields.js';

const DAY_MS = 86_400_000;
/** getPushedCashbacks covers at most this many days. */
export const PUSHED_MAX_DAYS = 30;
/** postCashbackList takes at most this many cashbacks. */
export const MAX_CASHBACKS = 200;

const DECIMAL = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "12.50" or 12.5 → 1250: positive, at most two decimals. */
export const positiveMoney = z
  .union([z.string().trim(), z.number().min(0).max(999_999_999)])
  .transform(String)
  .pipe(z.string().regex(DECIMAL, 'a positive amount with at most two decimals, such as "12.50"'))
  .transform((value) => {
    const [, units = '0', cents = ''] = DECIMAL.exec(value) ?? [];
    return Number(units) * 100 + Number(cents.padEnd(2, '0'));
  })
  .pipe(z.number().int().positive('more than 0'));

export const ownerInfo = z.strictObject({ firstName: text(100), lastName: text(100), address: text(500) });

export const transferInfo = z.strictObject({
  amount: positiveMoney,
  currency,
  label: text(140),
  /** Checked with ibantools after parsing (422 `invalidIban`); without it the favorite account pays (ambiguity 12). */
  iban: z.string().trim().min(1).max(64).optional(),
});

/** postCashback's body (api-hub.md: customerId or customerExternalId, externalId, ownerInfo, transferInfo). */
export const cashbackBody = z
  .strictObject({
    customerId: z.uuid().optional(),
    customerExternalId: text(100).optional(),
    externalId: text(100),
    ownerInfo,
    transferInfo,
  })
  .superRefine((body, ctx) => {
    if (body.customerId === undefined && body.customerExternalId === undefined)
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'customerId or customerExternalId is required' });
  });
export type CashbackBody = z.output<typeof cashbackBody>;

/** postCashbackList (decision 40): `{cashbacks: [...]}`, 1..200, every item validated before any is stored. */
export const cashbackListBody = z.strictObject({ cashbacks: z.array(cashbackBody).min(1).max(MAX_CASHBACKS) });

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((s) => new Date(s));

export const pushedCashbacksQuery = paginationSchema
  .extend({ startDate: instant, endDate: instant })
  .superRefine((q, ctx) => {
    const span = q.endDate.getTime() - q.startDate.getTime();
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'after startDate' });
    else if (span > PUSHED_MAX_DAYS * DAY_MS)
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: `at most ${PUSHED_MAX_DAYS} days after startDate` });
  });

export const customerCashbacksQuery = paginationSchema;

/** postFavoriteAccount: an IBAN, or a UK sort code and account number. */
export const favoriteAccountBody = z
  .strictObject({
    iban: z.string().trim().min(1).max(64).optional(),
    sortCode: z.string().trim().min(1).max(16).optional(),
    accountNumber: z.string().trim().min(1).max(16).optional(),
  })
  .superRefine((body, ctx) => {
    const uk = body.sortCode !== undefined || body.accountNumber !== undefined;
    if (body.iban !== undefined && uk)
      ctx.addIssue({ code: 'custom', path: ['iban'], message: 'an IBAN, or a sortCode and accountNumber, not both' });
    else if (body.iban === undefined && !uk)
      ctx.addIssue({ code: 'custom', path: ['iban'], message: 'an IBAN, or a sortCode and accountNumber' });
    else if (uk && body.sortCode === undefined)
      ctx.addIssue({ code: 'custom', path: ['sortCode'], message: 'required with accountNumber' });
    else if (uk && body.accountNumber === undefined)
      ctx.addIssue({ code: 'custom', path: ['accountNumber'], message: 'required with sortCode' });
  });
