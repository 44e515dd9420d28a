import type { Knex } from 'knex';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import { insertOnce } from '../shared/handlers.js';

/**
 * Applies a change to a row once: only while its version is below the event's revision, which it then takes.
 * Resolves to whether the row changed (false on a replay).
 */
export async function changeOnce(
  trx: Knex.Transaction,
  table: string,
  where: Record<string, string>,
  event: RecordedEvent,
  set: Record<string, Knex.Value | Knex.Raw>,
): Promise<boolean> {
  const revision = event.revision.toString();
  const changed = await trx(table)
    .where(where)
    .andWhere('version', '<', revision)
    .update({ ...set, version: revision });
  return changed > 0;
}

/** The columns given a value: a partial change leaves the others as they are. */
export const definedColumns = (columns: Record<string, Knex.Value | undefined>): Record<string, Knex.Value> =>
  Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Record<string, Knex.Value>;

type Edit<Changes> = { changes: Changes; updatedAt: string } | { status: string; changedAt: string };

/** A promotion's and a reward's edit: its changed fields (as their columns) or its new status, and when. */
export const editedColumns = <Changes>(
  edit: Edit<Changes>,
  columnsOf: (changes: Changes) => Record<string, Knex.Value>,
): Record<string, Knex.Value> =>
  'changes' in edit
    ? { ...columnsOf(edit.changes), updated_at: edit.updatedAt }
    : { status: edit.status, updated_at: edit.changedAt };

/**
 * The row of an edited entry (a promotion, a catalogue reward), found by its key column `keyColumn` = `id`: created
 * once with its fields as columns, then changed once per event, an edit setting its changed columns or its new status.
 */
export function editedEntryRow<Fields>(
  trx: Knex.Transaction,
  table: string,
  [keyColumn, id]: readonly [column: string, id: string],
  event: RecordedEvent,
  columnsOf: (fields: Partial<Fields>) => Record<string, Knex.Value>,
) {
  const key = { [keyColumn]: id };
  const once = (set: Record<string, Knex.Value | Knex.Raw>) => changeOnce(trx, table, key, event, set);
  return {
    once,
    /** Its owner's columns, its fields' columns, then the rest, created and updated at `at`. */
    create: (owner: Record<string, string>, fields: Fields, rest: Record<string, Knex.Value>, at: string) =>
      insertOnce(trx, table, keyColumn, event, {
        ...key,
        ...owner,
        ...columnsOf(fields),
        ...rest,
        created_at: at,
        updated_at: at,
      }),
    edit: (edit: Edit<Partial<Fields>>) => once(editedColumns(edit, columnsOf)),
  };
}
