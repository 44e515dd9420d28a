/** 6 tries in all: at once, then after 10 min, 1 h, 24 h, 48 h and 72 h. */
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 10 * 60_000, 3_600_000, 24 * 3_600_000, 48 * 3_600_000, 72 * 3_600_000];

/** `WEBHOOK_RETRY_SCHEDULE`: comma-separated delays, each a number with ms, s, m or h (`0,10m,1h,24h,48h,72h`). */
export function parseRetrySchedule(text: string): number[] {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const delays = text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*(ms|s|m|h)?\s*$/.exec(part);
    if (!match) throw new RangeError(`not a delay: "${part}" (use e.g. 0,10m,1h,24h,48h,72h)`);
    return Number(match[1]) * units[match[2] ?? 'ms']!;
  });
  if (delays.length === 0 || delays.length > 20) throw new RangeError('between 1 and 20 tries');
  return delays;
}

/** The wait before try `index` (0-based) of a round; a receiver's Retry-After wins when it asks for longer. */
export function delayBefore(schedule: readonly number[], index: number, retryAfterMs = 0): number {
  return Math.max(schedule[Math.min(index, schedule.length - 1)] ?? 0, retryAfterMs);
}
