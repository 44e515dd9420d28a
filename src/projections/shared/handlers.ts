import type { Knex } from 'knex';
import { parseEvent, type EventSchemas } from '../../domain/shared/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';
import { ownerColumns } from './columns.js';

type Handler = (trx: Knex.Transaction, data: unknown, event: RecordedEvent) => Promise<unknown>;

/** One SQL change per event type of a read model, given the event's parsed data and the recorded event. */
export type EventHandlers<E extends { type: string; data: object }> = {
  [T in E['type']]: (
    trx: Knex.Transaction,
    data: Extract<E, { type: T }>['data'],
    event: RecordedEvent,
  ) => Promise<unknown>;
};

/** A projection's `apply`: parses the event with its context's schemas and runs its type's handler; others pass. */
export function applyByType(schemas: EventSchemas, handlers: object): Projection['apply'] {
  const byType = handlers as unknown as Record<string, Handler>;
  return async (trx, event) => {
    const parsed = parseEvent(schemas, event.type, event.data);
    if (!parsed) return;
    await byType[parsed.type]?.(trx, parsed.data, event);
  };
}

/**
 * Changes the row `key` (its id, or the columns naming it) of `table` only while its version is below the event's
 * revision, which it then takes: a replayed event changes nothing. Resolves to the number of rows changed (0 on a
 * replay).
 */
export const changeRow = (
  trx: Knex.Transaction,
  table: string,
  key: string | Record<string, unknown>,
  event: RecordedEvent,
  changes: Record<string, unknown>,
): Promise<number> =>
  trx(table)
    .where(typeof key === 'string' ? { id: key } : key)
    .where('version', '<', event.revision.toString())
    .update({ ...changes, version: event.revision.toString() });

/** A row inserted once, at its creating event's revision: a replay of that event finds it there and leaves it. */
export const insertOnce = (
  trx: Knex.Transaction,
  table: string,
  key: string,
  event: RecordedEvent,
  row: Record<string, unknown>,
) =>
  trx(table)
    .insert({ ...row, version: event.revision.toString() })
    .onConflict(key)
    .ignore();

/** A hub's row keyed by `id`, inserted once: its id, then whose it is (ownerColumns), then its own columns. */
export const insertHubRow = (
  trx: Knex.Transaction,
  table: string,
  event: RecordedEvent,
  id: string,
  owner: Parameters<typeof ownerColumns>[0],
  row: Record<string, unknown>,
) => insertOnce(trx, table, 'id', event, { id, ...ownerColumns(owner), ...row });

/** A projection's `apply` over several families of events (their schemas and handlers): each event to its family's. */
export function applyByFamily(...families: ReadonlyArray<readonly [EventSchemas, object]>): Projection['apply'] {
  const applies = families.map(([schemas, handlers]) => ({ handlers, apply: applyByType(schemas, handlers) }));
  return async (trx, event) => {
    await applies.find(({ handlers }) => event.type in handlers)?.apply(trx, event);
  };
}

/** The event types a projection asks for: the types its handlers (or its contexts' schemas) name, in their order. */
export const typesOf = (...named: readonly object[]): string[] => named.flatMap((each) => Object.keys(each));

/** A projection over families of events, as applyByFamily applies them: it asks for the types its handlers handle. */
export const familiesProjection = (
  projection: Pick<Projection, 'name' | 'version' | 'tables'>,
  ...families: ReadonlyArray<readonly [EventSchemas, object]>
): Projection => ({
  ...projection,
  eventTypes: typesOf(...families.map(([, handlers]) => handlers)),
  apply: applyByFamily(...families),
});
