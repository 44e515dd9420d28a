import type { Knex } from 'knex';
import { pageOf, type Page, type PageRequest } from '../../shared/rows.js';
import { storeView, type StoreRow, type StoreView } from '../stores/queries.js';
import { transactionsQuery, type TransactionRow } from './queries.js';
import { storesByFrequency } from './store-ranking.js';

/* What the hub's routes list of the transactions: the customer's, the pushed ones, the unaffected ones. */

const BY_PURCHASE: Parameters<Knex.QueryBuilder['orderBy']>[0] = [
  { column: 't.purchase_date', order: 'desc' },
  { column: 't.id', order: 'asc' },
];

const hasMatch = (knex: Knex, customerId: string) =>
  knex('rm_hub_transactions as m')
    .whereRaw('m.store_id = s.id')
    .where({ 'm.customer_id': customerId, 'm.status': 'matched' });

/** The hub's active stores and services where the customer has (or has not) a matched transaction, by name. */
export async function customerStores(
  knex: Knex,
  hubId: string,
  customerId: string,
  withTransactions: boolean,
): Promise<StoreView[]> {
  const rows = await knex('rm_hub_stores as s')
    .where({ 's.hub_id': hubId, 's.active': true })
    .modify((q) => {
      if (withTransactions) q.whereExists(hasMatch(knex, customerId));
      else q.whereNotExists(hasMatch(knex, customerId));
    })
    .orderBy([{ column: 's.name' }, { column: 's.external_id' }])
    .select<StoreRow[]>('s.*');
  return rows.map(storeView);
}

export interface CustomerFilter {
  readonly type: 'store' | 'service';
  /** Our id of one store or service. */
  readonly storeId?: string | undefined;
  /** `YYYY-MM-DD`, inclusive, on the purchase date. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** The customer's matched transactions at stores (or services), newest purchase first. */
export function customerTransactions(
  knex: Knex,
  customerId: string,
  filter: CustomerFilter,
  page: PageRequest,
): Promise<Page<TransactionRow>> {
  const base = transactionsQuery(knex)
    .where({ 't.customer_id': customerId, 't.status': 'matched', 't.store_type': filter.type })
    .modify((q) => {
      if (filter.storeId !== undefined) q.where('t.store_id', filter.storeId);
      if (filter.from !== undefined) q.where('t.purchase_date', '>=', filter.from);
      if (filter.to !== undefined) q.where('t.purchase_date', '<=', filter.to);
    });
  return pageOf<TransactionRow>(base, BY_PURCHASE, page);
}

/** What customer_transactions sent in [from, to), by push time then batch order (decision 47). */
export function pushedTransactions(knex: Knex, hubId: string, from: Date, to: Date, page: PageRequest) {
  const base = transactionsQuery(knex)
    .where('t.hub_id', hubId)
    .whereNotNull('t.batch_id')
    .where('t.pushed_at', '>=', from)
    .where('t.pushed_at', '<', to);
  return pageOf<TransactionRow>(
    base,
    [
      { column: 't.pushed_at', order: 'asc' },
      { column: 't.match_position', order: 'asc' },
    ],
    page,
  );
}

/** Unmatched debits purchased on or after `since` (`YYYY-MM-DD`): claims' and manual association's material. */
export function unaffectedTransactions(knex: Knex, hubId: string, since: string, page: PageRequest) {
  const base = transactionsQuery(knex)
    .where({ 't.hub_id': hubId, 't.status': 'unmatched' })
    .where('t.amount', '<', 0)
    .where('t.purchase_date', '>=', since);
  return pageOf<TransactionRow>(base, BY_PURCHASE, page);
}

/**
 * storesRecommendation: for each customer, up to 3 active stores of the hub where they have no matched transaction,
 * the hub's most frequented first (matched count), then by externalId.
 */
export async function storeRecommendations(
  knex: Knex,
  hubId: string,
  customerIds: readonly string[],
): Promise<Map<string, { id: string; externalId: string; name: string }[]>> {
  const ranked = await storesByFrequency(knex, hubId);
  const visited = await knex('rm_hub_transactions')
    .where({ hub_id: hubId, status: 'matched' })
    .whereIn('customer_id', customerIds)
    .distinct<{ customer_id: string; store_id: string }[]>('customer_id', 'store_id');
  const seen = new Set(visited.map((v) => `${v.customer_id}/${v.store_id}`));
  return new Map(
    customerIds.map((customerId) => [
      customerId,
      ranked
        .filter((s) => !seen.has(`${customerId}/${s.id}`))
        .slice(0, 3)
        .map((s) => ({ id: s.id, externalId: s.external_id, name: s.name })),
    ]),
  );
}
