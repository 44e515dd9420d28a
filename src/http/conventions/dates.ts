import { z } from 'zod';

/**
 * The years a date from outside may name: PostgreSQL and the read models take them all, and no real use needs others.
 */
export const YEAR_RANGE = { min: 1900, max: 9999 } as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const ZONE = /^([+-])(\d{2}):?(\d{2})?$/;

const inYears = (year: number): boolean => year >= YEAR_RANGE.min && year <= YEAR_RANGE.max;
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether the day exists on the calendar: Date would roll 30 February over to March. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  return inYears(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** Minutes east of UTC, or undefined for an offset no clock has. */
function zoneMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const [, sign, hours = '', minutes = '00'] = ZONE.exec(zone) ?? [];
  if (sign === undefined || Number(hours) > 23 || Number(minutes) > 59) return undefined;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** The instant (ms since the epoch) a date or date-time names, a missing offset read as UTC; undefined when invalid. */
function parseInstant(text: string): number | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year = '', month = '', day = '', hours = '00', minutes = '00', seconds = '00', fraction = '', zone = 'Z'] =
    match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  const offset = zoneMinutes(zone);
  if (offset === undefined) return undefined;
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const instant =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds), millis) -
    offset * 60_000;
  return inYears(new Date(instant).getUTCFullYear()) ? instant : undefined;
}

function isDate(text: string): boolean {
  const [, year, month, day] = DATE.exec(text) ?? [];
  return year !== undefined && isCalendarDate(Number(year), Number(month), Number(day));
}

const DATE_MESSAGE = `a real calendar date YYYY-MM-DD, years ${YEAR_RANGE.min} to ${YEAR_RANGE.max}`;
const DATE_TIME_MESSAGE = `an ISO 8601 date or date-time such as "2026-01-31T09:00:00Z", a real calendar date, years ${YEAR_RANGE.min} to ${YEAR_RANGE.max}`;

/** A calendar date `YYYY-MM-DD` (no roll-over, years 1900–9999), kept as written. */
export const isoDate = () => z.string().trim().max(10).refine(isDate, DATE_MESSAGE);

/**
 * An ISO 8601 date or date-time (no roll-over, years 1900–9999 both as written
 * and in UTC), normalised to UTC with milliseconds; no offset means UTC.
 */
export const isoDateTime = () =>
  z
    .string()
    .trim()
    .max(40)
    .refine((text) => parseInstant(text) !== undefined, DATE_TIME_MESSAGE)
    .transform((text) => new Date(parseInstant(text) ?? Number.NaN).toISOString());

/**
 * Validated like isoDateTime but kept as written, for a date whose wall-clock day matters more than its instant (a
 * birthday).
 */
export const isoDateOrDateTime = () =>
  z
    .string()
    .trim()
    .max(40)
    .refine((text) => parseInstant(text) !== undefined, DATE_TIME_MESSAGE);
