import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { donationAmounts, percentOf } from '../../../../src/domain/giving/donations/fees.js';

const settings = { basisPoints: 290, fixed: 30 };

describe('donation fees', () => {
  it('rounds the percentage half up: 2.90 % of 50.00 is 1.45, of 0.50 is 0.0145 → 0.01, of 0.18 is 0.00522 → 0.01', () => {
    expect(percentOf(5000, 290)).toBe(145);
    expect(percentOf(50, 290)).toBe(1);
    expect(percentOf(18, 290)).toBe(1);
    expect(percentOf(17, 290)).toBe(0);
    expect(percentOf(50, 100)).toBe(1); // exactly half a cent rounds up
  });
  it('card, fee covered: the supporter pays gift + fee and the whole gift is donated and paid out', () => {
    expect(donationAmounts(5000, 'card', true, settings)).toEqual({
      amount: 5175,
      fee: 175,
      feeCovered: 175,
      donated: 5000,
      payout: 5000,
    });
  });
  it('card, fee not covered: the fee comes out of the gift', () => {
    expect(donationAmounts(1000, 'card', false, settings)).toEqual({
      amount: 1000,
      fee: 59,
      feeCovered: 0,
      donated: 941,
      payout: 941,
    });
  });
  it('check and cash: no fee, whatever cover_fee says, and no payout', () => {
    expect(donationAmounts(10_000, 'check', true, settings)).toEqual({
      amount: 10_000,
      fee: 0,
      feeCovered: 0,
      donated: 10_000,
      payout: 0,
    });
    expect(donationAmounts(2000, 'cash', false, settings)).toEqual({
      amount: 2000,
      fee: 0,
      feeCovered: 0,
      donated: 2000,
      payout: 0,
    });
  });
  it('always: amount = gift + fee_covered and donated = amount − fee, in integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.constantFrom('card' as const, 'check' as const, 'cash' as const),
        fc.boolean(),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (gift, method, cover, basisPoints, fixed) => {
          const a = donationAmounts(gift, method, cover, { basisPoints, fixed });
          expect(a.amount).toBe(gift + a.feeCovered);
          expect(a.donated).toBe(a.amount - a.fee);
          expect([a.amount, a.fee, a.feeCovered, a.donated, a.payout].every(Number.isSafeInteger)).toBe(true);
        },
      ),
    );
  });
});
