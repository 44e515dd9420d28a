import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardFee } from '../../../../src/domain/giving/donations/fees.js';
import {
  addMonths,
  billDate,
  daysInMonth,
  firstPeriodOnOrAfter,
  FREQUENCIES,
} from '../../../../src/domain/giving/plans/schedule.js';

describe('bill dates', () => {
  it('monthly from 31 January: 28 February (29 in a leap year), then 31 March, never drifting', () => {
    const anchor = '2026-01-31T09:00:00.000Z';
    expect([0, 1, 2, 3].map((n) => billDate(anchor, 'monthly', n))).toEqual([
      '2026-01-31T09:00:00.000Z',
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-30T09:00:00.000Z',
    ]);
    expect(billDate('2028-01-31T09:00:00.000Z', 'monthly', 1)).toBe('2028-02-29T09:00:00.000Z');
  });

  it('quarterly from 30 November: 28 February, 30 May, 30 August, 30 November', () => {
    expect([1, 2, 3, 4].map((n) => billDate('2025-11-30T00:00:00.000Z', 'quarterly', n))).toEqual([
      '2026-02-28T00:00:00.000Z',
      '2026-05-30T00:00:00.000Z',
      '2026-08-30T00:00:00.000Z',
      '2026-11-30T00:00:00.000Z',
    ]);
  });

  it('yearly from 29 February: 28 February in common years, 29 again in the next leap year', () => {
    const anchor = '2028-02-29T12:30:00.000Z';
    expect([1, 2, 3, 4].map((n) => billDate(anchor, 'yearly', n))).toEqual([
      '2029-02-28T12:30:00.000Z',
      '2030-02-28T12:30:00.000Z',
      '2031-02-28T12:30:00.000Z',
      '2032-02-29T12:30:00.000Z',
    ]);
  });

  it('crosses year ends and knows century leap years', () => {
    expect(addMonths('2026-12-15T00:00:00.000Z', 1)).toBe('2027-01-15T00:00:00.000Z');
    expect(addMonths('2099-12-31T00:00:00.000Z', 2)).toBe('2100-02-28T00:00:00.000Z');
    expect(addMonths('1999-12-31T00:00:00.000Z', 2)).toBe('2000-02-29T00:00:00.000Z');
  });

  it('resuming finds the first period not before now', () => {
    const anchor = '2026-01-31T09:00:00.000Z';
    expect(firstPeriodOnOrAfter(anchor, 'monthly', 0, '2026-04-01T00:00:00.000Z')).toBe(3);
    expect(firstPeriodOnOrAfter(anchor, 'monthly', 5, '2026-04-01T00:00:00.000Z')).toBe(5);
    expect(firstPeriodOnOrAfter(anchor, 'monthly', 0, anchor)).toBe(0);
  });

  it('the card fee plans charge (the donations fee model) rounds the percentage half up and adds the fixed part', () => {
    const settings = { basisPoints: 290, fixed: 30 };
    expect(cardFee(2000, settings)).toBe(88);
    expect(cardFee(2500, settings)).toBe(103);
    expect(cardFee(2499, settings)).toBe(102);
  });
});

describe('bill dates, as properties', () => {
  const anchors = fc
    .record({
      year: fc.integer({ min: 1970, max: 2400 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      time: fc.integer({ min: 0, max: 86_399_999 }),
    })
    .map(({ year, month, day, time }) => {
      const clamped = Math.min(day, daysInMonth(year, month));
      return new Date(Date.UTC(year, month - 1, clamped) + time).toISOString();
    });
  const frequencies = fc.constantFrom(...FREQUENCIES);
  const step = { monthly: 1, quarterly: 3, yearly: 12 } as const;

  it('period n lies exactly n periods of calendar months after the anchor, on the anchor’s day clamped to the month, at the same time', () => {
    fc.assert(
      fc.property(anchors, frequencies, fc.integer({ min: 0, max: 1200 }), (anchor, frequency, n) => {
        const date = new Date(billDate(anchor, frequency, n));
        const start = new Date(anchor);
        const months = (date.getUTCFullYear() - start.getUTCFullYear()) * 12 + date.getUTCMonth() - start.getUTCMonth();
        expect(months).toBe(n * step[frequency]);
        expect(date.getUTCDate()).toBe(
          Math.min(start.getUTCDate(), daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1)),
        );
        expect(billDate(anchor, frequency, n).slice(10)).toBe(anchor.slice(10));
      }),
    );
  });

  it('dates strictly increase with the period, and never depend on the previous date (no drift)', () => {
    fc.assert(
      fc.property(anchors, frequencies, fc.integer({ min: 0, max: 600 }), (anchor, frequency, n) => {
        expect(billDate(anchor, frequency, n + 1) > billDate(anchor, frequency, n)).toBe(true);
        // Agrees with Date for the days every month has.
        const start = new Date(anchor);
        if (start.getUTCDate() <= 28) {
          const expected = new Date(anchor);
          expected.setUTCMonth(expected.getUTCMonth() + n * step[frequency]);
          expect(billDate(anchor, frequency, n)).toBe(expected.toISOString());
        }
      }),
    );
  });

  it('resuming never lands on a date before now, nor skips one that is not', () => {
    fc.assert(
      fc.property(
        anchors,
        frequencies,
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 3000 }),
        (anchor, frequency, from, days) => {
          const now = new Date(new Date(anchor).getTime() + days * 86_400_000).toISOString();
          const index = firstPeriodOnOrAfter(anchor, frequency, from, now);
          expect(index).toBeGreaterThanOrEqual(from);
          expect(billDate(anchor, frequency, index) >= now).toBe(true);
          if (index > from) expect(billDate(anchor, frequency, index - 1) < now).toBe(true);
        },
      ),
    );
  });
});
