import { z } from 'zod';
import { decimalText, toHundredths } from '../conventions/money.js';

/* The fields fulfillment's bodies share. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export { currency } from '../shared/fields.js';
export const sku = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, '1–64 characters A-Z, a-z, 0-9, ".", "_", "-"');
/** Money in ("10", "10.00" or 10), minor units out, above 0. */
export const positiveMoney = decimalText.transform(toHundredths).refine((v) => v > 0, 'more than 0');
export { email } from '../shared/fields.js';
export const MONEY_PATTERN = '^\\d{1,9}\\.\\d{2}$';
