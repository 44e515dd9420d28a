import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, donationOf, periodStart, renewalChargeKey } from '../../../src/domain/members/billing.js';

describe('the billing calendar', () => {
  it('when a month is added, then the day and time are kept', () => {
    expect(addMonths('2026-11-22T10:00:00.000Z', 1)).toBe('2026-12-22T10:00:00.000Z');
    expect(addMonths('2026-12-22T10:00:00.000Z', 1)).toBe('2027-01-22T10:00:00.000Z');
  });
  it('when the next month is shorter, then the day is clamped to its end, and later periods count from the anchor', () => {
    expect(addMonths('2027-01-31T08:00:00.000Z', 1)).toBe('2027-02-28T08:00:00.000Z');
    expect(addMonths('2028-01-31T08:00:00.000Z', 1)).toBe('2028-02-29T08:00:00.000Z');
    expect(periodStart('2027-01-31T08:00:00.000Z', 'M', 2)).toBe('2027-03-31T08:00:00.000Z');
    expect(periodStart('2027-01-31T08:00:00.000Z', 'M', 3)).toBe('2027-04-30T08:00:00.000Z');
  });
  it('when the plan is yearly, then a period is twelve months, 29 February falling back to 28', () => {
    expect(periodStart('2028-02-29T12:00:00.000Z', 'Y', 1)).toBe('2029-02-28T12:00:00.000Z');
    expect(periodStart('2028-02-29T12:00:00.000Z', 'Y', 4)).toBe('2032-02-29T12:00:00.000Z');
  });
  it('when compared with the clock for any date, then adding months agrees with Date for days the target month has', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 120 }),
        (date, months) => {
          const iso = date.toISOString();
          const out = new Date(addMonths(iso, months));
          const expected = new Date(date);
          expected.setUTCDate(1);
          expected.setUTCMonth(expected.getUTCMonth() + months);
          expect(out.getUTCMonth()).toBe(expected.getUTCMonth());
          expect(out.getUTCDate()).toBeLessThanOrEqual(date.getUTCDate());
          expect(out.toISOString().slice(10)).toBe(iso.slice(10));
        },
      ),
    );
  });
  it('when an input is not a UTC ISO date-time, then it is refused', () => {
    expect(() => addMonths('22/11/2026', 1)).toThrow(TypeError);
  });
});

describe('the donation', () => {
  it('when the share is a whole percent, then the donation is rounded down to the cent', () => {
    expect(donationOf(1200, 80)).toBe(960);
    expect(donationOf(1299, 80)).toBe(1039);
    expect(donationOf(1200, 0)).toBe(0);
    expect(donationOf(1200, 100)).toBe(1200);
  });
  it('when any amount and share are given, then the donation never exceeds the share and misses it by less than a cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), (amount, percent) => {
        const donation = donationOf(amount, percent);
        expect(Number.isInteger(donation)).toBe(true);
        expect(donation * 100).toBeLessThanOrEqual(amount * percent);
        expect(amount * percent - donation * 100).toBeLessThan(100);
      }),
    );
  });
  it('when two workers bill the same period and attempt, then they send the same provider key; a new attempt another', () => {
    expect(renewalChargeKey('m1', '2026-12-22T10:00:00.000Z', 0)).toBe(
      renewalChargeKey('m1', '2026-12-22T10:00:00.000Z', 0),
    );
    expect(renewalChargeKey('m1', '2026-12-22T10:00:00.000Z', 1)).not.toBe(
      renewalChargeKey('m1', '2026-12-22T10:00:00.000Z', 0),
    );
  });
});
