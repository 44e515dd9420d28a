import type { z } from 'zod';

/** A body field that may be left out, or sent as null for none (a change clears it): `optionalText`'s rule. */
export const clearable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
