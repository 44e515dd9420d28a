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
