import { z } from 'zod';

/** One schema under several names, as a zod shape: `sameFields(z.string(), 'a', 'b')` is `{ a: …, b: … }`. */
export function sameFields<T extends z.ZodType, N extends string>(schema: T, ...names: N[]): { [F in N]: T } {
  return Object.fromEntries(names.map((name) => [name, schema])) as { [F in N]: T };
}

/** Free-text fields, each of which may be null, by name. */
export const nullableTexts = <N extends string>(...names: N[]) => sameFields(z.string().nullable(), ...names);
