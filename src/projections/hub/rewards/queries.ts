import type { Knex } from 'knex';
import { pageOf, type Page, type PageRequest } from '../../shared/rows.js';
import { REWARDS } from './projection.js';

export interface RewardView {
  readonly id: string;
  readonly customerId: string;
  readonly offerId: string;
  readonly occurrence: number;
  readonly status: 'started' | 'pending' | 'completed' | 'refunded';
  readonly value: number;
  readonly target: number;
  readonly rewardValue: number | null;
  readonly startedAt: string;
  readonly updatedAt: string;
}

interface RewardRow {
  id: string;
  customer_id: string;
  offer_id: string;
  occurrence: number;
  status: RewardView['status'];
  value: string;
  target: string;
  reward_value: string | null;
  started_at: Date;
  updated_at: Date;
}

const view = (r: RewardRow): RewardView => ({
  id: r.id,
  customerId: r.customer_id,
  offerId: r.offer_id,
  occurrence: r.occurrence,
  status: r.status,
  value: Number(r.value),
  target: Number(r.target),
  rewardValue: r.reward_value === null ? null : Number(r.reward_value),
  startedAt: r.started_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The customer's rewards, the most recently started first. */
export async function customerRewards(knex: Knex, customerId: string, page: PageRequest): Promise<Page<RewardView>> {
  const mostRecentlyStarted = [
    { column: 'started_at', order: 'desc' },
    { column: 'id', order: 'desc' },
  ];
  const { rows, total } = await pageOf<RewardRow>(
    knex(REWARDS).where({ customer_id: customerId }),
    mostRecentlyStarted,
    page,
  );
  return { rows: rows.map(view), total };
}
