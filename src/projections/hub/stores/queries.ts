import type { Knex } from 'knex';
import type { StoreDetails } from '../../../domain/hub/stores/events.js';
import type { StoreListResult } from '../../../domain/hub/stores/store-list.js';
import { isUuid } from '../../../platform/uuid.js';
import { hubList, type Page, type PageRequest } from '../../shared/rows.js';

export interface StoreView extends StoreDetails {
  readonly id: string;
  readonly hubId: string;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface StoreRow {
  id: string;
  hub_id: string;
  external_id: string;
  name: string;
  type: StoreDetails['type'];
  brand_id: string | null;
  brand_name: string | null;
  is_online: boolean;
  google_place_id: string | null;
  street_number: string | null;
  street_name: string | null;
  city: string | null;
  country: string | null;
  post_code: string | null;
  patterns: string[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
  version: string;
}

export const storeView = (r: StoreRow): StoreView => ({
  id: r.id,
  hubId: r.hub_id,
  externalId: r.external_id,
  name: r.name,
  type: r.type,
  brandId: r.brand_id,
  brandName: r.brand_name,
  isOnline: r.is_online,
  googlePlaceId: r.google_place_id,
  streetNumber: r.street_number,
  streetName: r.street_name,
  city: r.city,
  country: r.country,
  postCode: r.post_code,
  patterns: r.patterns,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  version: Number(r.version),
});

export interface StoreFilters {
  readonly search?: string | undefined;
  readonly country?: string | undefined;
  readonly city?: string | undefined;
  /** Signed callers see deactivated stores too. */
  readonly includeInactive: boolean;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const storeRows = hubList<StoreFilters, StoreRow>(
  'rm_hub_stores',
  [{ column: 'name' }, { column: 'external_id' }],
  (q, filters) => {
    if (!filters.includeInactive) q.where({ active: true });
    if (filters.country) q.whereILike('country', filters.country);
    if (filters.city) q.whereILike('city', like(filters.city));
    if (filters.search) {
      const s = like(filters.search);
      q.where((w) => {
        void w.whereILike('name', s).orWhereILike('brand_name', s).orWhereILike('external_id', s);
      });
    }
  },
);

/** The hub's stores by name then externalId; `search` looks in the name, brand and externalId. */
export async function listStores(
  knex: Knex,
  hubId: string,
  filters: StoreFilters,
  page: PageRequest,
): Promise<Page<StoreView>> {
  const { rows, total } = await storeRows(knex, hubId, filters, page);
  return { rows: rows.map(storeView), total };
}

/** A store of the hub by our id or by its externalId (ours first); another hub's is none. */
export async function findStore(knex: Knex, hubId: string, idOrExternalId: string): Promise<StoreView | undefined> {
  if (isUuid(idOrExternalId)) {
    const byId = (await knex('rm_hub_stores').where({ hub_id: hubId, id: idOrExternalId }).first()) as
      StoreRow | undefined;
    if (byId) return storeView(byId);
  }
  const row = (await knex('rm_hub_stores').where({ hub_id: hubId, external_id: idOrExternalId }).first()) as
    StoreRow | undefined;
  return row && storeView(row);
}

export interface StorePatterns {
  readonly storeId: string;
  readonly externalId: string;
  readonly type: StoreDetails['type'];
  /** Upper-cased. */
  readonly patterns: readonly string[];
}

/** What the transaction matcher needs: the hub's active stores and services with their patterns, by externalId. */
export async function activeStorePatterns(knex: Knex | Knex.Transaction, hubId: string): Promise<StorePatterns[]> {
  const rows = await knex('rm_hub_stores')
    .where({ hub_id: hubId, active: true })
    .orderBy('external_id')
    .select<Array<{ id: string; external_id: string; type: StoreDetails['type']; patterns: string[] }>>(
      'id',
      'external_id',
      'type',
      'patterns',
    );
  return rows.map((r) => ({ storeId: r.id, externalId: r.external_id, type: r.type, patterns: r.patterns }));
}

/** The externalIds of the hub's active stores (a full list deactivates those it omits). */
export async function activeExternalIds(knex: Knex, hubId: string): Promise<string[]> {
  const rows = await knex('rm_hub_stores')
    .where({ hub_id: hubId, active: true })
    .select<{ external_id: string }[]>('external_id');
  return rows.map((r) => r.external_id);
}

export interface StoreListView {
  readonly requestId: string;
  readonly hubId: string;
  readonly kind: 'v1' | 'v2';
  readonly result: StoreListResult;
  readonly resultDetail: string | null;
  readonly counts: { created: number; updated: number; deactivated: number } | null;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

interface ListRow {
  request_id: string;
  hub_id: string;
  kind: 'v1' | 'v2';
  result: StoreListResult;
  result_detail: string | null;
  created: number | null;
  updated: number | null;
  deactivated: number | null;
  requested_at: Date;
  updated_at: Date;
}

const listView = (r: ListRow): StoreListView => ({
  requestId: r.request_id,
  hubId: r.hub_id,
  kind: r.kind,
  result: r.result,
  resultDetail: r.result_detail,
  counts: r.created === null ? null : { created: r.created, updated: r.updated ?? 0, deactivated: r.deactivated ?? 0 },
  requestedAt: r.requested_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function findStoreList(knex: Knex, hubId: string, requestId: string): Promise<StoreListView | undefined> {
  if (!isUuid(requestId)) return undefined;
  const row = (await knex('rm_hub_store_lists').where({ hub_id: hubId, request_id: requestId }).first()) as
    ListRow | undefined;
  return row && listView(row);
}

/** Every pending request, oldest first: what the store-list worker has to do. */
export async function pendingStoreLists(knex: Knex): Promise<Array<{ requestId: string; hubId: string }>> {
  const rows = await knex('rm_hub_store_lists')
    .where({ result: 'pending' })
    .orderBy('log_position')
    .limit(1000)
    .select<Array<{ request_id: string; hub_id: string }>>('request_id', 'hub_id');
  return rows.map((r) => ({ requestId: r.request_id, hubId: r.hub_id }));
}

/** The hub's requests before or after `requestId` in the log: `pending` ones only when asked. */
export async function otherStoreLists(
  knex: Knex,
  hubId: string,
  requestId: string,
  which: 'older-pending' | 'newer',
): Promise<string[]> {
  const mine = knex('rm_hub_store_lists').where({ request_id: requestId }).select('log_position');
  const rows = await knex('rm_hub_store_lists')
    .where({ hub_id: hubId })
    .modify((q) => {
      if (which === 'newer') q.where('log_position', '>', mine);
      else q.where('log_position', '<', mine).where({ result: 'pending' });
    })
    .orderBy('log_position')
    .select<Array<{ request_id: string }>>('request_id');
  return rows.map((r) => r.request_id);
}
