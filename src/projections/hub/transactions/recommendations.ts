import type { Knex } from 'knex';
import { storesByFrequency } from './store-ranking.js';

export interface CustomerRecommendationFilters {
  /** External ids; none: the hub's customers, oldest registration first (up to `limit`). */
  readonly customers?: readonly string[] | undefined;
  /** paymentCard: a live bank connection or card; scan: subscribed by scanning receipts. */
  readonly dataRetrievalMethod?: 'paymentCard' | 'scan' | undefined;
  /** desynchronized when one live bank connection is; synchronized when it has live ones and none is. */
  readonly status?: 'synchronized' | 'desynchronized' | undefined;
  /** true: subscribed (registration finished); false: still registering. */
  readonly registered?: boolean | undefined;
}

export interface CustomerRecommendation {
  readonly customerExternalId: string;
  /** Up to 3 retailers (a store's brandId, else its externalId), most frequented by the hub first. */
  readonly retailers: string[];
  /** From the customer's own history (retailers they have not bought at yet); false: the hub's top 3. */
  readonly personal: boolean;
}

const RETAILERS = 3;

const liveConnections = (knex: Knex) =>
  knex('rm_hub_connections as k').whereRaw('k.customer_id = c.id').whereNull('k.deleted_at');

/** The hub's live customers with an external id that the filters keep. */
function customersOf(knex: Knex, hubId: string, filters: CustomerRecommendationFilters, limit: number) {
  return knex('rm_hub_customers as c')
    .where({ 'c.hub_id': hubId })
    .whereNull('c.deleted_at')
    .whereNotNull('c.customer_external_id')
    .modify((q) => {
      if (filters.customers !== undefined) q.whereIn('c.customer_external_id', filters.customers);
      if (filters.registered !== undefined) q.where('c.status', filters.registered ? '=' : '<>', 'subscribed');
      if (filters.dataRetrievalMethod === 'scan') q.where('c.data_provider_type', 'scan');
      if (filters.dataRetrievalMethod === 'paymentCard') q.whereExists(liveConnections(knex));
      const fallen = liveConnections(knex).where('k.status', 'desynchronized');
      if (filters.status === 'desynchronized') q.whereExists(fallen);
      if (filters.status === 'synchronized') q.whereExists(liveConnections(knex)).whereNotExists(fallen);
    })
    .orderBy([{ column: 'c.registration_date' }, { column: 'c.id' }])
    .limit(limit)
    .select<{ id: string; customer_external_id: string }[]>('c.id', 'c.customer_external_id');
}

/**
 * getCustomerRecommendations: for each customer the filters keep, 3 retailers of the hub they have not bought at yet,
 * the hub's most frequented first (matched transactions, then externalId); a customer with no matched purchase yet
 * gets the hub's top 3 (`personal: false`).
 */
export async function customerRecommendations(
  knex: Knex,
  hubId: string,
  filters: CustomerRecommendationFilters,
  limit: number,
): Promise<CustomerRecommendation[]> {
  const customers = await customersOf(knex, hubId, filters, limit);
  if (customers.length === 0) return [];
  const ranked = await storesByFrequency(knex, hubId);
  const visited = await knex('rm_hub_transactions')
    .where({ hub_id: hubId, status: 'matched' })
    .whereIn(
      'customer_id',
      customers.map((c) => c.id),
    )
    .whereNotNull('store_id')
    .distinct<{ customer_id: string; store_id: string }[]>('customer_id', 'store_id');
  const seen = new Map<string, Set<string>>();
  for (const v of visited) seen.set(v.customer_id, (seen.get(v.customer_id) ?? new Set()).add(v.store_id));
  // A retailer is its brand: the brand of a store visited counts as visited.
  const retailerOf = (s: (typeof ranked)[number]) => s.brand_id ?? s.external_id;
  const pick = (stores: typeof ranked, skip: ReadonlySet<string>) => {
    const out: string[] = [];
    for (const s of stores) {
      const retailer = retailerOf(s);
      if (out.length === RETAILERS) break;
      if (!skip.has(retailer) && !out.includes(retailer)) out.push(retailer);
    }
    return out;
  };
  return customers.map((c) => {
    const mine = seen.get(c.id);
    if (mine === undefined)
      return { customerExternalId: c.customer_external_id, retailers: pick(ranked, new Set()), personal: false };
    const brands = new Set(ranked.filter((s) => mine.has(s.id)).map(retailerOf));
    return { customerExternalId: c.customer_external_id, retailers: pick(ranked, brands), personal: true };
  });
}
