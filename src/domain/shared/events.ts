import { z } from 'zod';
import type { DomainEvent } from './decider.js';
import { sameFields } from './fields.js';

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

/**
 * The schemas of one aggregate's events. Every event names the aggregate first, by `idKey`, so that a reader of any
 * one event knows its stream; the event that opens the stream then names the aggregate's `owners` (its program, and
 * in the hub its hub too), which the later events inherit from it.
 */
export function aggregateEvents<K extends string, O extends string>(idKey: K, owners: readonly O[]) {
  const id = sameFields(z.string(), idKey);
  const opening = sameFields<z.ZodString, K | O>(z.string(), idKey, ...owners);
  return {
    /** An event of the aggregate: its id, then the event's own fields. */
    event: <S extends z.ZodRawShape>(own: S) => z.object({ ...id, ...own }),
    /** The event that opens the aggregate's stream: its id and owners, then the event's own fields. */
    opening: <S extends z.ZodRawShape>(own: S) => z.object({ ...opening, ...own }),
  };
}
