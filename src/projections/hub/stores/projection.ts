import {
  storeEvents,
  storeListEvents,
  type StoreDetails,
  type StoreEvent,
  type StoreListEvent,
} from '../../../domain/hub/stores/events.js';
import type { Projection } from '../../projection.js';
import { applyByType, changeRow, insertOnce, type EventHandlers } from '../../shared/handlers.js';

/* One read model for the store lists and their stores: applied in log order, a list's result never runs ahead of
   its stores. */
export const HUB_STORES_PROJECTION = 'hub-stores';
const STORES = 'rm_hub_stores';
const LISTS = 'rm_hub_store_lists';

/** Every event moves its row's version; one at or below it was applied already (a replay) and changes nothing. */

const COLUMN_OF: Record<keyof StoreDetails, string> = {
  externalId: 'external_id',
  name: 'name',
  type: 'type',
  brandId: 'brand_id',
  brandName: 'brand_name',
  isOnline: 'is_online',
  googlePlaceId: 'google_place_id',
  streetNumber: 'street_number',
  streetName: 'street_name',
  city: 'city',
  country: 'country',
  postCode: 'post_code',
  patterns: 'patterns',
};

/** The columns of the fields given (all of them at registration, the changed ones after). */
const detailColumns = (d: Partial<StoreDetails>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(d)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [
        COLUMN_OF[field as keyof StoreDetails],
        Array.isArray(value) ? JSON.stringify(value) : value,
      ]),
  );

const storeHandlers: EventHandlers<StoreEvent> = {
  StoreRegistered: (trx, d, event) =>
    insertOnce(trx, STORES, 'id', event, {
      id: d.storeId,
      hub_id: d.hubId,
      program_id: d.programId,
      ...detailColumns(d.details),
      active: true,
      created_at: d.registeredAt,
      updated_at: d.registeredAt,
    }),
  StoreUpdated: (trx, d, event) =>
    changeRow(trx, STORES, { id: d.storeId }, event, { ...detailColumns(d.changes), updated_at: d.updatedAt }),
  StoreDeactivated: (trx, d, event) =>
    changeRow(trx, STORES, { id: d.storeId }, event, { active: false, updated_at: d.deactivatedAt }),
  StoreReactivated: (trx, d, event) =>
    changeRow(trx, STORES, { id: d.storeId }, event, { active: true, updated_at: d.reactivatedAt }),
};

const listHandlers: EventHandlers<StoreListEvent> = {
  StoreListRequested: (trx, d, event) =>
    insertOnce(trx, LISTS, 'request_id', event, {
      request_id: d.requestId,
      hub_id: d.hubId,
      program_id: d.programId,
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
  StoreListFailed: (trx, d, event) =>
    changeRow(trx, LISTS, { request_id: d.requestId }, event, {
      result: 'failed',
      result_detail: d.resultDetail,
      updated_at: d.failedAt,
    }),
  StoreListSuperseded: (trx, d, event) =>
    changeRow(trx, LISTS, { request_id: d.requestId }, event, {
      result: 'failed',
      result_detail: d.resultDetail,
      updated_at: d.supersededAt,
    }),
};

const applyStore = applyByType(storeEvents, storeHandlers);
const applyList = applyByType(storeListEvents, listHandlers);

export const storesProjection: Projection = {
  name: HUB_STORES_PROJECTION,
  version: 1,
  eventTypes: [...Object.keys(storeHandlers), ...Object.keys(listHandlers)],
  tables: [STORES, LISTS],
  async apply(trx, event) {
    if (event.type in storeHandlers) return applyStore(trx, event);
    return applyList(trx, event);
  },
};
