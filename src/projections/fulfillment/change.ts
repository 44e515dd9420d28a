import type { Knex } from 'knex';
import type { RecordedEvent } from '../../platform/eventstore/types.js';

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

/** A promotion's and a reward's edit: its changed fields (as their columns) or its new status, and when. */
export const editedColumns = <Changes>(
  edit: { changes: Changes; updatedAt: string } | { status: string; changedAt: string },
  columnsOf: (changes: Changes) => Record<string, Knex.Value>,
): Record<string, Knex.Value> =>
  'changes' in edit
    ? { ...columnsOf(edit.changes), updated_at: edit.updatedAt }
    : { status: edit.status, updated_at: edit.changedAt };
