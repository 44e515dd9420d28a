import { z } from 'zod';

const DECIMAL = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/**
 * "12.3" → 1230: a decimal with at most two places into hundredths (minor units, basis points), without floating point.
 */
export function toHundredths(value: string): number {
  const [, units = '0', cents = ''] = DECIMAL.exec(value) ?? [];
  return Number(units) * 100 + Number(cents.padEnd(2, '0'));
}

/** 1230 → "12.30": how the API shows money and percentages. */
export const fromHundredths = (value: number): string =>
  `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;

/** A decimal as the API takes it ("12.00", "12" or 12), checked as text before it becomes hundredths. */
export const decimalText = z
  .union([z.string().trim(), z.number().nonnegative().max(999_999_999)])
  .transform(String)
  .pipe(z.string().regex(DECIMAL, 'a decimal with at most two decimals, such as "12.00"'));

/** Money in, minor units out. */
export const money = decimalText.transform(toHundredths);
