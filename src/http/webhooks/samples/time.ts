/*
 * Sample dates are worked out from the `now` the caller passes, by arithmetic on
 * its epoch milliseconds: the domain constructs no Date of its own.
 */

const MS_PER_DAY = 86_400_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = MS_PER_DAY;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Days since 1970-01-01 to a proleptic Gregorian [year, month, day] (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Epoch milliseconds to `YYYY-MM-DDTHH:mm:ss.sssZ`, as `Date.prototype.toISOString` writes it (years 0–9999). */
export function isoAt(epochMs: number): string {
  const days = Math.floor(epochMs / MS_PER_DAY);
  const rest = epochMs - days * MS_PER_DAY;
  const [year, month, day] = civilFromDays(days);
  const time = `${pad(Math.floor(rest / HOUR))}:${pad(Math.floor((rest % HOUR) / MINUTE))}:${pad(Math.floor((rest % MINUTE) / 1000))}.${pad(rest % 1000, 3)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}Z`;
}

/** The calendar day (UTC) of epoch milliseconds: `YYYY-MM-DD`. */
export const isoDay = (epochMs: number): string => isoAt(epochMs).slice(0, 10);

/** What a sample is made from: the time and the ids, passed in. */
export interface SampleContext {
  readonly now: Date;
  /** The n-th id of the sample (1, 2, 3 …): the same n gives the same id. */
  readonly id: (n: number) => string;
}

/** ISO date-time `offsetMs` from `now` (negative: before). */
export const at = (ctx: SampleContext, offsetMs = 0): string => isoAt(ctx.now.getTime() + offsetMs);

/** ISO day `offsetDays` from `now`. */
export const dayAt = (ctx: SampleContext, offsetDays = 0): string => isoDay(ctx.now.getTime() + offsetDays * DAY);
