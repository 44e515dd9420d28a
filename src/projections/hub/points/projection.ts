import { pointsEvents, type PointsEvent } from '../../../domain/hub/points/events.js';
import type { Projection } from '../../projection.js';
import { applyByType, type EventHandlers } from '../../shared/handlers.js';

export const HUB_POINTS_PROJECTION = 'hub-points';
export const POINTS = 'rm_hub_points';
const CUSTOMERS = 'rm_hub_customers';

/**
 * An entry inserted once by its id, then the customer's balance summed again from the entries (contract item 5:
 * `points_balance` on the customers' row, which only this projection writes), so a replay or a rebuild of this read
 * model leaves the balance right.
 */
async function entry(
  trx: Parameters<EventHandlers<PointsEvent>['PointsEarned']>[0],
  row: Record<string, unknown> & { id: string; customer_id: string },
) {
  await trx(POINTS).insert(row).onConflict('id').ignore();
  await trx(CUSTOMERS)
    .where({ id: row.customer_id })
    .update({
      points_balance: trx.raw(
        `(select coalesce(sum(case when operation_type = 'earned' then value else -value end), 0)
          from ${POINTS} where customer_id = ?)`,
        [row.customer_id],
      ),
    });
}

const handlers: EventHandlers<PointsEvent> = {
  PointsEarned: (trx, d, event) =>
    entry(trx, {
      id: d.entryId,
      hub_id: d.hubId,
      program_id: d.programId,
      customer_id: d.customerId,
      operation_type: 'earned',
      value: d.value,
      operation_date: d.operationDate,
      transaction_id: d.transactionId,
      reward_id: d.rewardId,
      revision: event.revision.toString(),
    }),
  PointsSpent: (trx, d, event) =>
    entry(trx, {
      id: d.entryId,
      hub_id: d.hubId,
      program_id: d.programId,
      customer_id: d.customerId,
      operation_type: 'spent',
      value: d.value,
      operation_date: d.operationDate,
      transaction_id: null,
      reward_id: null,
      revision: event.revision.toString(),
    }),
};

/** Each customer's points history and balance (flow 3.5). */
export const pointsProjection: Projection = {
  name: HUB_POINTS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [POINTS],
  apply: applyByType(pointsEvents, handlers),
};
