/*
 * The fee model, in integer minor units (never floating point):
 * - card: fee = round_half_up(gift × card_fee_basis_points / 10 000) + card_fee_fixed.
 *   With cover_fee the supporter pays gift + fee (fee_covered = fee) and the whole
 *   gift reaches the campaign; without it the fee comes out of the gift.
 * - check, cash: no fee, and no payout (the program already holds the money).
 * So for every donation: amount (what the supporter paid) = gift + fee_covered,
 * donated = amount − fee, and payout = donated for a card (0 offline).
 */

export type DonationMethod = 'card' | 'check' | 'cash';

export interface FeeSettings {
  /** "2.90" % is 290. */
  readonly basisPoints: number;
  /** Minor units. */
  readonly fixed: number;
}

/** The program's card fee settings, as the fee model reads them. */
export const feeSettingsOf = (settings: {
  readonly cardFeeBasisPoints: number;
  readonly cardFeeFixed: number;
}): FeeSettings => ({
  basisPoints: settings.cardFeeBasisPoints,
  fixed: settings.cardFeeFixed,
});

export interface DonationAmounts {
  /** What the supporter paid: the gift plus the fee they chose to cover. */
  readonly amount: number;
  /** The full fee charged. */
  readonly fee: number;
  /** The part of the fee the supporter added on top of the gift. */
  readonly feeCovered: number;
  /** What reaches the campaign. */
  readonly donated: number;
  /** What the program is paid: 0 for offline donations. */
  readonly payout: number;
}

/** round(value × basisPoints / 10 000), halves rounded up; exact while value × basisPoints < 2^53. */
export function percentOf(value: number, basisPoints: number): number {
  return Math.floor((value * basisPoints + 5000) / 10_000);
}

export function cardFee(gift: number, settings: FeeSettings): number {
  return percentOf(gift, settings.basisPoints) + settings.fixed;
}

/** The amounts of a gift of `gift` minor units. */
export function donationAmounts(
  gift: number,
  method: DonationMethod,
  coverFee: boolean,
  settings: FeeSettings,
): DonationAmounts {
  if (method !== 'card') return { amount: gift, fee: 0, feeCovered: 0, donated: gift, payout: 0 };
  const fee = cardFee(gift, settings);
  if (coverFee) return { amount: gift + fee, fee, feeCovered: fee, donated: gift, payout: gift };
  return { amount: gift, fee, feeCovered: 0, donated: gift - fee, payout: gift - fee };
}
