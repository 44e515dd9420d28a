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

/** The fields `keys` of a body, each as given or null where absent: an event keeps every field, null when unsaid. */
export function orNull<T extends object, K extends keyof T>(
  body: T,
  keys: readonly K[],
): { [P in K]-?: Exclude<T[P], undefined> | null } {
  return Object.fromEntries(keys.map((key) => [key, body[key] ?? null])) as {
    [P in K]-?: Exclude<T[P], undefined> | null;
  };
}
