/*
 * Calendar arithmetic for recurring plans, on normalised ISO 8601 UTC strings
 * (`2026-01-31T09:00:00.000Z`, as Date#toISOString writes them). The domain has
 * no clock, so no Date: the n-th bill date is computed from the anchor and n,
 * never from the previous date, so a short month never drags the day down for
 * good (31 Jan → 28/29 Feb → 31 Mar).
 */

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const MONTHS_PER_PERIOD: Record<Frequency, number> = { monthly: 1, quarterly: 3, yearly: 12 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month, `month` from 1 to 12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** `T09:00:00.000Z`, kept as it is. */
  readonly time: string;
}

function parse(iso: string): CalendarDate {
  const match = ISO.exec(iso);
  if (!match) throw new Error(`not a normalised ISO 8601 UTC date: ${iso}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), time: match[4]! };
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** The anchor moved by `months` calendar months, the day clamped to the target month's last day. */
export function addMonths(anchor: string, months: number): string {
  const { year, month, day, time } = parse(anchor);
  const zeroBased = month - 1 + months;
  const targetYear = year + Math.floor(zeroBased / 12);
  const targetMonth = (((zeroBased % 12) + 12) % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(targetDay, 2)}${time}`;
}

/** The bill date of period `index` (0 is the anchor itself). */
export function billDate(anchor: string, frequency: Frequency, index: number): string {
  return addMonths(anchor, index * MONTHS_PER_PERIOD[frequency]);
}

/** The first period from `from` whose bill date is not before `now` (resuming skips what the pause covered). */
export function firstPeriodOnOrAfter(anchor: string, frequency: Frequency, from: number, now: string): number {
  let index = from;
  while (billDate(anchor, frequency, index) < now) index++;
  return index;
}
