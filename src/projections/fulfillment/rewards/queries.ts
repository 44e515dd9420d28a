import type { Knex } from 'knex';
import { countOf, type Page } from '../paging.js';

export interface RewardRow {
  sku: string;
  name: string;
  provider: { id: string; name: string };
  denomination_type: 'fixed' | 'variable';
  face_value: string | null;
  min_value: string | null;
  max_value: string | null;
  currency: string;
  countries: string[];
  categories: string[];
  media: Array<'code' | 'url' | 'barcode' | 'pdf'>;
  status: 'enabled' | 'paused' | 'disabled';
  stock_quantity: string | null;
  description: string;
  terms_and_conditions: string;
  logo_url: string | null;
  version: string;
}

export interface RewardFilter {
  readonly country?: string | undefined;
  readonly currency?: string | undefined;
  readonly category?: string | undefined;
  readonly provider?: string | undefined;
  readonly inStock?: boolean | undefined;
}

function filtered(knex: Knex, filter: RewardFilter) {
  const query = knex('rm_fulfillment_rewards');
  if (filter.country) query.whereRaw('countries \\? ?', [filter.country]);
  if (filter.category) query.whereRaw('categories \\? ?', [filter.category]);
  if (filter.currency) query.where({ currency: filter.currency });
  if (filter.provider) query.whereRaw("provider->>'id' = ?", [filter.provider]);
  if (filter.inStock === true) query.whereRaw('(stock_quantity is null or stock_quantity > 0)');
  if (filter.inStock === false) query.whereRaw('stock_quantity <= 0');
  return query;
}

export const countRewards = (knex: Knex, filter: RewardFilter): Promise<number> => countOf(filtered(knex, filter));

export function listRewards(knex: Knex, filter: RewardFilter, page: Page): Promise<RewardRow[]> {
  return filtered(knex, filter).orderBy('sku').offset(page.offset).limit(page.limit).select<RewardRow[]>('*');
}

export async function findReward(knex: Knex, sku: string): Promise<RewardRow | undefined> {
  return knex('rm_fulfillment_rewards').where({ sku }).first<RewardRow | undefined>('*');
}

/** The stock of the offered skus, for a promotion's `in_stock` per offer. */
export async function stockOf(knex: Knex, skus: readonly string[]): Promise<Map<string, boolean>> {
  if (skus.length === 0) return new Map();
  const rows = await knex('rm_fulfillment_rewards')
    .whereIn('sku', [...skus])
    .select<{ sku: string; stock_quantity: string | null }[]>('sku', 'stock_quantity');
  return new Map(rows.map((r) => [r.sku, r.stock_quantity === null || Number(r.stock_quantity) > 0]));
}
