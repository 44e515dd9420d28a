import type { Knex } from 'knex';

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

export async function countPromotions(knex: Knex, programId: string, filter: PromotionFilter): Promise<number> {
  const row = await filtered(knex, programId, filter).count<{ count: string }[]>('* as count').first();
  return Number(row?.count ?? 0);
}

export function listPromotions(
  knex: Knex,
  programId: string,
  filter: PromotionFilter,
  page: { offset: number; limit: number },
): Promise<PromotionRow[]> {
  return filtered(knex, programId, filter)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .offset(page.offset)
    .limit(page.limit)
    .select<PromotionRow[]>('*');
}

/** Another program's promotion is not found. */
export async function findPromotion(knex: Knex, programId: string, id: string): Promise<PromotionRow | undefined> {
  return knex('rm_fulfillment_promotions').where({ id, program_id: programId }).first<PromotionRow | undefined>('*');
}
