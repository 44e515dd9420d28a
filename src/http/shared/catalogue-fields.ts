import { z } from 'zod';
import { isoDate } from '../conventions/dates.js';

/* What the bodies of the perks context's resources are made of. */

export const name = z.string().trim().min(1).max(200);
export const text = (max: number) => z.string().trim().max(max).nullable().optional();
export const id = z.union([
  z.string().trim().min(1).max(64).meta({ format: 'uuid' }),
  z.number().int().positive().transform(String),
]);
export const day = isoDate().meta({ format: 'date' });

/** One root key named after the resource; every field optional on PATCH. */
export const wrapped = <K extends string, S extends z.ZodObject>(key: K, shape: S) => ({
  create: z.strictObject({ [key]: shape } as Record<K, S>),
  patch: z.strictObject({ [key]: shape.partial() } as Record<K, ReturnType<S['partial']>>),
});

/** snake_case body fields to the events' camelCase names (timetables' start_at/end_at included). */
export function camelFields(
  body: Record<string, unknown>,
  rename: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const camel = (key: string): string => rename[key] ?? key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(
    Object.entries(body)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [
        camel(key),
        key === 'timetables' && Array.isArray(value)
          ? (value as Array<Record<string, unknown>>).map((t) => camelFields(t))
          : value,
      ]),
  );
}
