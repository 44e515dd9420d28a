import { z } from 'zod';

/** An email address in a body: trimmed, lower-cased, with an @, at most 254 characters. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'an email address with @' }))
  .pipe(z.string().max(254));
