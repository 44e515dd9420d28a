import { z } from 'zod';

/** An email address in a body: trimmed, lower-cased, with an @, at most 254 characters. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'an email address with @' }))
  .pipe(z.string().max(254));

/** A currency in a body: an ISO 4217 code, upper-cased (`eur` is EUR). */
export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'))
  .meta({ pattern: '^[A-Za-z]{3}$' });
