import type { Knex } from 'knex';
import { cashbackEvents, type CashbackEvent } from '../../../domain/hub/cashbacks/events.js';
import { customerEvents } from '../../../domain/hub/customers/events.js';
import { parseEvent } from '../../../domain/shared/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertHubRow, type EventHandlers } from '../../shared/handlers.js';

export const HUB_CASHBACKS_PROJECTION = 'hub-cashbacks';
const CASHBACKS = 'rm_hub_cashbacks';
const PUSHES = 'rm_hub_cashback_pushes';

/** A cashbacks_updated went out for this event (SUCCEEDED, FAILED, RECEIVED, REJECTED): the pushed list's row. */
async function pushed(trx: Knex.Transaction, event: RecordedEvent, cashbackId: string, status: string, at: string) {
  const row = (await trx(CASHBACKS).where({ id: cashbackId }).select('hub_id').first()) as
    { hub_id: string } | undefined;
  if (!row) return;
  await trx(PUSHES)
    .insert({ event_id: event.id, cashback_id: cashbackId, hub_id: row.hub_id, status, pushed_at: at })
    .onConflict('event_id')
    .ignore();
}

const handlers: EventHandlers<CashbackEvent> = {
  async CashbackRequested(trx, d, event) {
    const customer = (await trx('rm_hub_customers')
      .where({ id: d.customerId })
      .select('customer_external_id')
      .first()) as { customer_external_id: string | null } | undefined;
    return insertHubRow(trx, CASHBACKS, event, d.cashbackId, d, {
      customer_external_id: customer?.customer_external_id ?? null,
      external_id: d.externalId,
      origin: d.origin,
      reward_id: d.rewardId,
      amount: d.amount,
      currency: d.currency,
      label: d.label,
      state: 'requested',
      requested_at: d.requestedAt,
      updated_at: d.requestedAt,
    });
  },
  CashbackHeld: (trx, d, event) => changeRow(trx, CASHBACKS, d.cashbackId, event, { held: true, updated_at: d.heldAt }),
  CashbackSubmitted: (trx, d, event) =>
    changeRow(trx, CASHBACKS, d.cashbackId, event, {
      state: 'submitted',
      attempts: d.attempt,
      retry_at: null,
      submitted_at: d.submittedAt,
      updated_at: d.submittedAt,
    }),
  async CashbackSucceeded(trx, d, event) {
    const changes = { state: 'succeeded', held: false, transfer_id: d.transferId, updated_at: d.succeededAt };
    if ((await changeRow(trx, CASHBACKS, d.cashbackId, event, changes)) > 0)
      await pushed(trx, event, d.cashbackId, 'SUCCEEDED', d.succeededAt);
  },
  async CashbackFailed(trx, d, event) {
    const changes = { state: 'failed', transfer_id: d.transferId, retry_at: d.retryAt, updated_at: d.failedAt };
    if ((await changeRow(trx, CASHBACKS, d.cashbackId, event, changes)) > 0)
      await pushed(trx, event, d.cashbackId, 'FAILED', d.failedAt);
  },
  async CashbackReceived(trx, d, event) {
    if ((await changeRow(trx, CASHBACKS, d.cashbackId, event, { state: 'received', updated_at: d.receivedAt })) > 0)
      await pushed(trx, event, d.cashbackId, 'RECEIVED', d.receivedAt);
  },
  async CashbackRejected(trx, d, event) {
    const changes = { state: 'rejected', held: false, retry_at: null, updated_at: d.rejectedAt };
    if ((await changeRow(trx, CASHBACKS, d.cashbackId, event, changes)) > 0)
      await pushed(trx, event, d.cashbackId, 'REJECTED', d.rejectedAt);
  },
};

const applyCashback = applyByType(cashbackEvents, handlers);

/** The profile's `cashbackMethod`, guarded by its own version (the customers projection keeps the row's). */
const setMethod = (trx: Knex.Transaction, customerId: string, event: RecordedEvent, method: 'missing' | 'retrieved') =>
  trx('rm_hub_customers')
    .where({ id: customerId })
    .where('cashback_method_version', '<', event.revision.toString())
    .update({ cashback_method: method, cashback_method_version: event.revision.toString() });

async function applyMethod(trx: Knex.Transaction, event: RecordedEvent) {
  const parsed = parseEvent(customerEvents, event.type, event.data);
  if (parsed?.type === 'CashbackMethodMissing') await setMethod(trx, parsed.data.customerId, event, 'missing');
  if (parsed?.type === 'CashbackMethodRetrieved') await setMethod(trx, parsed.data.customerId, event, 'retrieved');
}

/** The hub's cashbacks, the cashbacks_updated sent, and the customers' cashback method. */
export const cashbacksProjection: Projection = {
  name: HUB_CASHBACKS_PROJECTION,
  version: 1,
  eventTypes: [...Object.keys(cashbackEvents), 'CashbackMethodMissing', 'CashbackMethodRetrieved'],
  tables: [CASHBACKS, PUSHES],
  async apply(trx, event) {
    if (event.type.startsWith('CashbackMethod')) return applyMethod(trx, event);
    return applyCashback(trx, event);
  },
};
