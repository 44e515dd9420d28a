import type { SubscriptionPlan } from './events.js';

/*
 * The billing calendar and the donation arithmetic: pure functions the decider,
 * the projection and the billing worker share, so they all agree on when a
 * period falls due and how much reaches the cause.
 */

export const MONTHS_PER_PERIOD: Readonly<Record<SubscriptionPlan, number>> = { M: 1, Y: 12 };

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** month: 0 to 11. */
const daysIn = (year: number, month: number): number => (month === 1 && isLeap(year) ? 29 : DAYS[month]!);

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)$/;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * `months` calendar months after `iso` (UTC, as Date#toISOString writes it), at
 * the same time of day, clamped to the end of a shorter month: 31 January
 * + 1 month is 28 (or 29) February, and + 2 months is 31 March again, because
 * every period counts from the anchor. Plain arithmetic on the text: the
 * domain reads no clock.
 */
export function addMonths(iso: string, months: number): string {
  const match = ISO_UTC.exec(iso);
  if (!match) throw new TypeError(`not a UTC ISO 8601 date-time: ${iso}`);
  const [, y, m, d, time] = match as unknown as [string, string, string, string, string];
  const total = Number(m) - 1 + months;
  const year = Number(y) + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const day = Math.min(Number(d), daysIn(year, month));
  return `${pad(year, 4)}-${pad(month + 1, 2)}-${pad(day, 2)}${time}`;
}

/** The start of period `index` (0 is the anchor) of a plan counted from `anchor`. */
export const periodStart = (anchor: string, plan: SubscriptionPlan, index: number): string =>
  addMonths(anchor, index * MONTHS_PER_PERIOD[plan]);

/**
 * What reaches the cause, in minor units: the program's whole-percent share of
 * the payment, rounded down, so the cause never receives more than its share
 * and the sub-cent remainder stays with the program (1 299 at 80 % gives 1 039).
 */
export function donationOf(amount: number, causeSharePercent: number): number {
  return Math.floor((amount * causeSharePercent) / 100);
}

/**
 * The provider's idempotency key for one charge attempt of one period: two
 * workers billing the same period (same attempt) send the same key and so are
 * charged once; a new attempt after a recorded failure gets a new key.
 */
export function renewalChargeKey(memberId: string, periodStartIso: string, attempt: number): string {
  return `member:${memberId}:period:${periodStartIso}:attempt:${attempt}`;
}

/**
 * The key of a subscription's first charge, made when the member subscribes:
 * the card's digest is part of it, so a declined card followed by another card
 * is a new charge, while the same request sent twice charges once.
 */
export function firstChargeKey(memberId: string, subscriptionNumber: number, cardDigest: string): string {
  return `member:${memberId}:subscription:${subscriptionNumber}:period:0:card:${cardDigest}`;
}
