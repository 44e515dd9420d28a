import type { Knex } from 'knex';
import { countOf, whereGiven, type OrderTrailFilter, type Page } from './paging.js';

export interface RedemptionRow {
  id: string;
  program_id: string;
  order_uuid: string;
  client_order_id: string;
  promotion_id: string;
  sku: string;
  reward_name: string;
  value: string;
  currency: string;
  user_id: string | null;
  authentication_system: 'none' | 'token' | 'user_id';
  token_hint: string | null;
  codes_sealed: string | null;
  redeemed_at: Date;
  version: string;
}

export type RedemptionFilter = OrderTrailFilter;

const REDEMPTION_COLUMNS = { promotionId: 'r.promotion_id', orderId: 'o.order_id', userId: 'r.user_id' } as const;

const filtered = (knex: Knex, programId: string, filter: RedemptionFilter) =>
  whereGiven(
    knex('rm_fulfillment_redemptions as r')
      .join('rm_fulfillment_orders as o', 'o.id', 'r.order_uuid')
      .where('r.program_id', programId),
    filter,
    REDEMPTION_COLUMNS,
    'r.redeemed_at',
  );

const COLUMNS = [
  'r.*',
  'o.order_id as client_order_id',
  'o.sku',
  'o.reward_name',
  'o.value',
  'o.currency',
  'o.codes_sealed',
  'o.version',
];

export const countRedemptions = (knex: Knex, programId: string, filter: RedemptionFilter): Promise<number> =>
  countOf(filtered(knex, programId, filter).clearSelect());

export const listRedemptions = (knex: Knex, programId: string, filter: RedemptionFilter, page: Page) =>
  filtered(knex, programId, filter)
    .orderBy([
      { column: 'r.redeemed_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .offset(page.offset)
    .limit(page.limit)
    .select<RedemptionRow[]>(COLUMNS);

/** Another program's redemption is not found. */
export const findRedemption = (knex: Knex, programId: string, id: string) =>
  filtered(knex, programId, {}).where('r.id', id).first<RedemptionRow | undefined>(COLUMNS);

/** Whether the user redeemed an order of the promotion already (redeem_frequency single). */
export async function redeemedBefore(knex: Knex, promotionId: string, userId: string): Promise<boolean> {
  const rows = await knex('rm_fulfillment_redemptions')
    .where({ promotion_id: promotionId, user_id: userId })
    .limit(1)
    .select<Array<{ id: string }>>('id');
  return rows.length > 0;
}

/** A link order by its claim code's digest. */
export const findOrderByClaim = (knex: Knex, digest: string) =>
  knex('rm_fulfillment_orders')
    .where({ claim_code_digest: digest })
    .first<{ id: string; program_id: string } | undefined>('id', 'program_id');

export interface TokenRow {
  digest: string;
  hint: string;
  status: 'available' | 'redeemed' | 'revoked';
  created_at: Date;
}

export const listTokens = (knex: Knex, promotionId: string, page: Page) =>
  knex('rm_fulfillment_tokens')
    .where({ promotion_id: promotionId })
    .orderBy([{ column: 'created_at' }, { column: 'digest' }])
    .offset(page.offset)
    .limit(page.limit)
    .select<TokenRow[]>('digest', 'hint', 'status', 'created_at');

export const countTokens = (knex: Knex, promotionId: string) =>
  countOf(knex('rm_fulfillment_tokens').where({ promotion_id: promotionId }));

export const listAllowedUsers = (knex: Knex, promotionId: string, page: Page) =>
  knex('rm_fulfillment_promotion_users')
    .where({ promotion_id: promotionId })
    .orderBy('user_id')
    .offset(page.offset)
    .limit(page.limit)
    .select<Array<{ user_id: string; created_at: Date }>>('user_id', 'created_at');

export const countAllowedUsers = (knex: Knex, promotionId: string) =>
  countOf(knex('rm_fulfillment_promotion_users').where({ promotion_id: promotionId }));
