import {
  storeEvents,
  storeListEvents,
  type StoreEvent,
  type StoreListEvent,
} from '../../../domain/hub/stores/events.js';
import type { Knex } from 'knex';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { changeRow, familiesProjection, insertHubRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';
import { columnsOf, ownerColumns } from '../../shared/columns.js';

/* One read model for the store lists and their stores: applied in log order, a list's result never runs ahead of
   its stores. */
export const HUB_STORES_PROJECTION = 'hub-stores';
const STORES = 'rm_hub_stores';
const LISTS = 'rm_hub_store_lists';

const storeHandlers: EventHandlers<StoreEvent> = {
  StoreRegistered: (trx, d, event) =>
    insertHubRow(trx, STORES, event, d.storeId, d, {
      ...columnsOf(d.details),
      active: true,
      created_at: d.registeredAt,
      updated_at: d.registeredAt,
    }),
  StoreUpdated: (trx, d, event) =>
    changeRow(trx, STORES, { id: d.storeId }, event, { ...columnsOf(d.changes), updated_at: d.updatedAt }),
  StoreDeactivated: (trx, d, event) =>
    changeRow(trx, STORES, { id: d.storeId }, event, { active: false, updated_at: d.deactivatedAt }),
  StoreReactivated: (trx, d, event) =>
    changeRow(trx, STORES, { id: d.storeId }, event, { active: true, updated_at: d.reactivatedAt }),
};

/** A list that failed, or that a later request superseded before it ran: failed, and why. */
const listFailed = (trx: Knex.Transaction, requestId: string, event: RecordedEvent, detail: string, at: string) =>
  changeRow(trx, LISTS, { request_id: requestId }, event, { result: 'failed', result_detail: detail, updated_at: at });

const listHandlers: EventHandlers<StoreListEvent> = {
  StoreListRequested: (trx, d, event) =>
    insertOnce(trx, LISTS, 'request_id', event, {
      request_id: d.requestId,
      ...ownerColumns(d),
      kind: d.kind,
      result: 'pending',
      log_position: event.position.commit.toString(),
      requested_at: d.requestedAt,
      updated_at: d.requestedAt,
    }),
  StoreListIntegrated: (trx, d, event) =>
    changeRow(trx, LISTS, { request_id: d.requestId }, event, {
      result: 'success',
      created: d.created,
      updated: d.updated,
      deactivated: d.deactivated,
      updated_at: d.integratedAt,
    }),
  StoreListFailed: (trx, d, event) => listFailed(trx, d.requestId, event, d.resultDetail, d.failedAt),
  StoreListSuperseded: (trx, d, event) => listFailed(trx, d.requestId, event, d.resultDetail, d.supersededAt),
};

export const storesProjection = familiesProjection(
  { name: HUB_STORES_PROJECTION, version: 1, tables: [STORES, LISTS] },
  [storeEvents, storeHandlers],
  [storeListEvents, listHandlers],
);
