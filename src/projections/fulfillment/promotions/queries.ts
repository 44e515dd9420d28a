import type { Knex } from 'knex';
import { countOf, newestFirst, type Page } from '../paging.js';

export interface PromotionRow {
  id: string;
  program_id: string;
  name: string;
  start_datetime: Date;
  end_datetime: Date;
  status: 'enabled' | 'paused' | 'completed' | 'disabled';
  rewards: Array<{ sku: string; status: 'enabled' | 'paused' | 'disabled' }>;
  authentication_systems: Array<'none' | 'token' | 'user_id'>;
  redeem_frequency: 'single' | 'multiple';
  budget: string;
  currency: string;
  link_ttl_days: number;
  redemption_url_template: string | null;
  budget_reserved: string;
  budget_spent: string;
  created_at: Date;
  updated_at: Date;
  version: string;
}

export interface PromotionFilter {
  readonly status?: string | undefined;
  /** pending, ready or ended at `now`. */
  readonly state?: 'pending' | 'ready' | 'ended' | undefined;
  readonly now: Date;
}

function filtered(knex: Knex, programId: string, filter: PromotionFilter) {
  const query = knex('rm_fulfillment_promotions').where({ program_id: programId });
  if (filter.status) query.where({ status: filter.status });
  if (filter.state === 'pending') query.where('start_datetime', '>', filter.now);
  if (filter.state === 'ready')
    query.where('start_datetime', '<=', filter.now).andWhere('end_datetime', '>', filter.now);
  if (filter.state === 'ended') query.where('end_datetime', '<=', filter.now);
  return query;
}

export const countPromotions = (knex: Knex, programId: string, filter: PromotionFilter): Promise<number> =>
  countOf(filtered(knex, programId, filter));

export const listPromotions = (
  knex: Knex,
  programId: string,
  filter: PromotionFilter,
  page: Page,
): Promise<PromotionRow[]> => newestFirst<PromotionRow>(filtered(knex, programId, filter), page);

/** Another program's promotion is not found. */
export async function findPromotion(knex: Knex, programId: string, id: string): Promise<PromotionRow | undefined> {
  return knex('rm_fulfillment_promotions').where({ id, program_id: programId }).first<PromotionRow | undefined>('*');
}
