import type { Knex } from 'knex';
import { parseEvent, type EventSchemas } from '../../domain/shared/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';
import { changeRow, insertOnce } from './handlers.js';

type Data<E extends { type: string; data: object }, T extends E['type']> = Extract<E, { type: T }>['data'];

/**
 * A read model of one row per stream, keyed by `id`: the events that create a row (its whole first state) and the
 * events that change columns of it. Declared as data rather than as SQL, so a page can be folded in memory.
 */
export interface RowFamily<E extends { type: string; data: object }> {
  readonly table: string;
  readonly schemas: EventSchemas;
  readonly creates: { [T in E['type']]?: (data: Data<E, T>) => Record<string, unknown> & { id: string } };
  readonly changes: {
    [T in E['type']]?: (data: Data<E, T>) => readonly [id: string, changes: Record<string, unknown>];
  };
}

type Create = (data: unknown) => Record<string, unknown> & { id: string };
type Change = (data: unknown) => readonly [string, Record<string, unknown>];

/** The family's event types, for the projection's `eventTypes`. */
export const familyTypes = (family: RowFamily<never>): string[] => [
  ...Object.keys(family.creates),
  ...Object.keys(family.changes),
];

const handlersOf = (family: RowFamily<never>) => ({
  creates: family.creates as Record<string, Create | undefined>,
  changes: family.changes as Record<string, Change | undefined>,
});

/** One event at a time: an insert once, or a change while the row's version is below the event's revision. */
export function applyRow(family: RowFamily<never>): Projection['apply'] {
  const { creates, changes } = handlersOf(family);
  return async (trx, event) => {
    const parsed = parseEvent(family.schemas, event.type, event.data);
    if (!parsed) return;
    const create = creates[parsed.type];
    if (create) return void (await insertOnce(trx, family.table, 'id', event, create(parsed.data)));
    const change = changes[parsed.type];
    if (change) {
      const [id, columns] = change(parsed.data);
      await changeRow(trx, family.table, id, event, columns);
    }
  };
}

/**
 * A page at a time: a row created in the page takes the page's later changes in memory and is written once, with the
 * others created beside it, in one insert; changes to older rows are written as they come. A row already there (a
 * replayed page) is overwritten only by a newer state, as `changeRow` would.
 */
export function applyRowBatch(family: RowFamily<never>): NonNullable<Projection['applyBatch']> {
  const { creates, changes } = handlersOf(family);
  return async (trx: Knex.Transaction, events: readonly RecordedEvent[]) => {
    const created = new Map<string, Record<string, unknown>>();
    for (const event of events) {
      const parsed = parseEvent(family.schemas, event.type, event.data);
      if (!parsed) continue;
      const version = event.revision.toString();
      const create = creates[parsed.type];
      const change = changes[parsed.type];
      if (create) {
        const row = create(parsed.data);
        if (!created.has(row.id)) created.set(row.id, { ...row, version });
      } else if (change) {
        const [id, columns] = change(parsed.data);
        const row = created.get(id);
        if (row) Object.assign(row, columns, { version });
        else await changeRow(trx, family.table, id, event, columns);
      }
    }
    if (created.size === 0) return;
    await trx(family.table)
      .insert([...created.values()])
      .onConflict('id')
      .merge()
      .where(`${family.table}.version`, '<', trx.raw('excluded.version'));
  };
}
