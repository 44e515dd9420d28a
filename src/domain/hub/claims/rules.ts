import type { ClaimCode } from './events.js';

/* Flow 5.2's automatic checks: one small rule per code, listed in the contract's order. */

export interface ClaimToCheck {
  /** Minor units, negative. */
  readonly amount: number;
  /** `YYYY-MM-DD`. */
  readonly transactionDate: string;
}

/** What the read models say around the claim when it is filed. */
export interface ClaimFacts {
  /** The claimed store is a store of this hub that is active. */
  readonly storeActive: boolean;
  /** The customer's eligible date (ISO 8601). */
  readonly eligibleFrom: string;
  /** Another open or validated claim of the customer names the same store, amount and date. */
  readonly duplicate: boolean;
  /** A matched transaction of the customer at that store, amount ±0.01, date ±3 days. */
  readonly alreadyAssociated: boolean;
  /** The hub's `claimMinimumAmount` in minor units, or null. */
  readonly minimumAmount: number | null;
}

type Rule = (claim: ClaimToCheck, facts: ClaimFacts) => boolean;

export const storeOutOfProgram: Rule = (_c, f) => !f.storeActive;
export const beforeRegistration: Rule = (c, f) => c.transactionDate < f.eligibleFrom.slice(0, 10);
export const duplicated: Rule = (_c, f) => f.duplicate;
export const transactionAlreadyAssociated: Rule = (_c, f) => f.alreadyAssociated;
/** `claimMinimumAmount` compares `|amount|` (decision 35). */
export const autoRejected: Rule = (c, f) => f.minimumAmount !== null && Math.abs(c.amount) < f.minimumAmount;

export const CLAIM_RULES: readonly (readonly [ClaimCode, string, Rule])[] = [
  ['STORE_OUT_OF_PROGRAM', 'The store is out of program', storeOutOfProgram],
  ['BEFORE_REGISTRATION', 'The purchase was made before the registration', beforeRegistration],
  ['DUPLICATED', 'The same purchase was claimed already', duplicated],
  ['TRANSACTION_ALREADY_ASSOCIATED', 'The purchase is already associated with the store', transactionAlreadyAssociated],
  ['AUTO_REJECTED', 'The amount is under the minimum of the program', autoRejected],
];

/** The first rule that applies, with its code and reason, or null when the claim passes them all. */
export function automaticRejection(
  claim: ClaimToCheck,
  facts: ClaimFacts,
): { readonly code: ClaimCode; readonly rejectionReason: string } | null {
  for (const [code, rejectionReason, applies] of CLAIM_RULES)
    if (applies(claim, facts)) return { code, rejectionReason };
  return null;
}

/** A debit can back the claim: amount ±0.01 and date ±3 days (flow 5.3). */
export function fitsClaim(claim: ClaimToCheck, debit: { amount: number; purchaseDate: string }): boolean {
  const days = Math.abs(dayNumber(debit.purchaseDate) - dayNumber(claim.transactionDate));
  return debit.amount < 0 && Math.abs(debit.amount - claim.amount) <= 1 && days <= 3;
}

/** `YYYY-MM-DD` → days since 1970-01-01 (proleptic Gregorian), without a clock or Date. */
export function dayNumber(day: string): number {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
