import type { z } from 'zod';
import type { DomainEvent } from './decider.js';

/**
 * The zod schemas of one context's events, by type. Stored events are parsed
 * with them on read, which is also where an old shape is upcast: a schema may
 * accept the old fields and transform them into the new ones.
 */
export type EventSchemas = { readonly [type: string]: z.ZodType<object> };

export type EventOf<S extends EventSchemas> = {
  [T in keyof S & string]: DomainEvent<T, z.output<S[T]>>;
}[keyof S & string];

export function parseEvent<S extends EventSchemas>(schemas: S, type: string, data: unknown): EventOf<S> | undefined {
  const schema = schemas[type];
  if (!schema) return undefined;
  return { type, data: schema.parse(data) } as EventOf<S>;
}
