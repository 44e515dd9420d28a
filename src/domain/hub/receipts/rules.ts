import type { ReceiptRejectionReason } from './events.js';

/* Flow 4.3's automatic decision: one small rule per rejection reason, listed in the contract's order. */

/** What the ReceiptReader made of the paper. */
export type Reading =
  { readonly kind: 'read'; readonly ocr: Ocr } | { readonly kind: 'notATicket' } | { readonly kind: 'unreadable' };

export interface Ocr {
  readonly businessIdentifier: string | null;
  /** Minor units as printed: positive for a purchase, negative for a refund. */
  readonly total: number | null;
  readonly currency: string | null;
  /** `YYYY-MM-DD`. */
  readonly date: string | null;
  /** `HH:mm`. */
  readonly time: string | null;
  readonly paymentMethod: string | null;
}

/** What the platform knows of the business the paper names, and of the customer. */
export interface ReceiptFacts {
  /** The store of this hub whose externalId is the business identifier, when active. */
  readonly store: { readonly id: string; readonly externalId: string; readonly type: 'store' | 'service' } | null;
  /** A store of another hub (or a deactivated one of this hub) has that identifier. */
  readonly knownElsewhere: boolean;
  /** The customer's eligible date (ISO 8601). */
  readonly eligibleFrom: string;
  /** The customer has a validated receipt at that store, for that amount, on that date. */
  readonly duplicate: boolean;
}

type Rule = (reading: Reading, facts: ReceiptFacts) => boolean;
const ocrOf = (r: Reading): Ocr | null => (r.kind === 'read' ? r.ocr : null);

export const notATicket: Rule = (r) => r.kind === 'notATicket';
export const incomplete: Rule = (r) => {
  const ocr = ocrOf(r);
  return ocr !== null && (ocr.total === null || ocr.date === null);
};
export const notADebit: Rule = (r) => (ocrOf(r)?.total ?? 1) <= 0;
export const notInClientReferential: Rule = (r, f) => ocrOf(r) !== null && f.store === null && !f.knownElsewhere;
export const outOfMall: Rule = (r, f) => ocrOf(r) !== null && f.store === null && f.knownElsewhere;
export const beforeRegistration: Rule = (r, f) => {
  const date = ocrOf(r)?.date;
  return date != null && date < f.eligibleFrom.slice(0, 10);
};
export const duplicate: Rule = (r, f) => ocrOf(r) !== null && f.duplicate;

/** The rules in flow 4.3's order: the first that applies decides. */
export const RECEIPT_RULES: readonly (readonly [ReceiptRejectionReason, Rule])[] = [
  ['notATicket', notATicket],
  ['incomplete', incomplete],
  ['notADebit', notADebit],
  ['notInClientReferential', notInClientReferential],
  ['outOfMall', outOfMall],
  ['beforeRegistration', beforeRegistration],
  ['duplicate', duplicate],
];

export type AutomaticDecision =
  | { readonly outcome: 'rejected'; readonly reason: ReceiptRejectionReason }
  | { readonly outcome: 'underReview' }
  | { readonly outcome: 'validated' };

/** The first rule that applies rejects; an unreadable paper goes to the program; else the receipt is validated. */
export function automaticDecision(reading: Reading, facts: ReceiptFacts): AutomaticDecision {
  for (const [reason, applies] of RECEIPT_RULES) if (applies(reading, facts)) return { outcome: 'rejected', reason };
  return reading.kind === 'read' ? { outcome: 'validated' } : { outcome: 'underReview' };
}
