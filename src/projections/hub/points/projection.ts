import type { Knex } from 'knex';
import { pointsEvents, type PointsEvent } from '../../../domain/hub/points/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';

export const HUB_POINTS_PROJECTION = 'hub-points';
export const POINTS = 'rm_hub_points';
const CUSTOMERS = 'rm_hub_customers';

/** The entry's row: its id is the entry's, so a replay finds it there. */
function entryRow(e: PointsEvent, event: RecordedEvent) {
  const { entryId, hubId, programId, customerId, value, operationDate } = e.data;
  const earned = e.type === 'PointsEarned';
  return {
    id: entryId,
    hub_id: hubId,
    program_id: programId,
    customer_id: customerId,
    operation_type: earned ? 'earned' : 'spent',
    value,
    operation_date: operationDate,
    transaction_id: earned ? e.data.transactionId : null,
    reward_id: earned ? e.data.rewardId : null,
    revision: event.revision.toString(),
  };
}

/**
 * The entries inserted once by their ids, then each of their customers' balance summed again from the entries
 * (contract item 5: `points_balance` on the customers' row, which only this projection writes), so a replay or a
 * rebuild of this read model leaves the balance right. A page is two statements, however many entries it holds.
 */
async function applyBatch(trx: Knex.Transaction, events: readonly RecordedEvent[]): Promise<void> {
  const rows = events.flatMap((event) => {
    const parsed = parseEvent(pointsEvents, event.type, event.data);
    return parsed ? [entryRow(parsed, event)] : [];
  });
  if (rows.length === 0) return;
  await trx(POINTS).insert(rows).onConflict('id').ignore();
  await trx.raw(
    `update ${CUSTOMERS} c set points_balance = (
       select coalesce(sum(case when operation_type = 'earned' then value else -value end), 0)
       from ${POINTS} p where p.customer_id = c.id)
     where c.id = any(?::uuid[])`,
    [[...new Set(rows.map((r) => r.customer_id))]],
  );
}

/** Each customer's points history and balance (flow 3.5). */
export const pointsProjection: Projection = {
  name: HUB_POINTS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(pointsEvents),
  tables: [POINTS],
  apply: (trx, event) => applyBatch(trx, [event]),
  applyBatch,
};
