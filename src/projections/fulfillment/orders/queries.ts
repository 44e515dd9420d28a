import type { Knex } from 'knex';
import { countOf, newestFirst, whereGiven, type OrderTrailFilter, type Page } from '../paging.js';

export interface OrderRow {
  id: string;
  program_id: string;
  order_id: string;
  promotion_id: string;
  promotion_name: string;
  sku: string;
  reward_name: string;
  provider: { id: string; name: string };
  value: string;
  currency: string;
  user_id: string | null;
  user_email_digest: string | null;
  user_email_sealed: string | null;
  user_first_name: string | null;
  user_last_name: string | null;
  delivery_method: 'none' | 'email' | 'link';
  status: 'pending' | 'processing' | 'delivered' | 'failed' | 'canceled' | 'expired';
  codes_sealed: string | null;
  /** Email orders: pending, sent or failed; null for the other methods. */
  delivery_status: 'pending' | 'sent' | 'failed' | null;
  mail_send: number | null;
  mail_attempts: number | null;
  mail_retry_at: Date | null;
  /** The address a resend corrected, sealed; null: the user's. */
  delivery_email_sealed: string | null;
  failure_reason: string | null;
  /** link orders: the claim code, sealed, and the promotion's redemption_url_template when the order was placed. */
  claim_code_sealed: string | null;
  redemption_url_template: string | null;
  testing: boolean;
  created_at: Date;
  delivered_at: Date | null;
  expires_at: Date | null;
  updated_at: Date;
  version: string;
}

export interface OrderFilter extends OrderTrailFilter {
  readonly sku?: string | undefined;
  readonly status?: string | undefined;
  /** SHA-256 of the lowercased email: emails are sealed, found by digest. */
  readonly userEmailDigest?: string | undefined;
}

const ORDER_COLUMNS = {
  promotionId: 'promotion_id',
  sku: 'sku',
  status: 'status',
  orderId: 'order_id',
  userId: 'user_id',
  userEmailDigest: 'user_email_digest',
} as const;

const filtered = (knex: Knex, programId: string, filter: OrderFilter) =>
  whereGiven(knex('rm_fulfillment_orders').where({ program_id: programId }), filter, ORDER_COLUMNS, 'created_at');

export const countOrders = (knex: Knex, programId: string, filter: OrderFilter): Promise<number> =>
  countOf(filtered(knex, programId, filter));

export const listOrders = (knex: Knex, programId: string, filter: OrderFilter, page: Page): Promise<OrderRow[]> =>
  newestFirst<OrderRow>(filtered(knex, programId, filter), page);

/** Another program's order is not found. */
export async function findOrder(knex: Knex, programId: string, id: string): Promise<OrderRow | undefined> {
  return knex('rm_fulfillment_orders').where({ id, program_id: programId }).first<OrderRow | undefined>('*');
}

/** An email order's mail try that is due at `now`, with the send and the try it is. */
export interface DueMail {
  readonly id: string;
  readonly program_id: string;
  readonly mail_send: number;
  readonly mail_attempts: number;
}

/** Email orders whose mail (new, retried or resent) is due: the mail worker's reconciler reads them here. */
export const dueMails = (knex: Knex, now: Date, limit = 500): Promise<DueMail[]> =>
  knex('rm_fulfillment_orders')
    .where({ delivery_status: 'pending' })
    .andWhere('mail_retry_at', '<=', now)
    .whereIn('status', ['processing', 'delivered'])
    .orderBy('mail_retry_at')
    .limit(limit)
    .select<DueMail[]>('id', 'program_id', 'mail_send', 'mail_attempts');

/** Pending link orders past their expiry at `now`, for the expiry job. */
export const dueLinkExpiries = (knex: Knex, now: Date, limit = 500) =>
  knex('rm_fulfillment_orders')
    .where({ status: 'pending', delivery_method: 'link' })
    .andWhere('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .select<Array<{ id: string; program_id: string }>>('id', 'program_id');

/** Reservations older than `before` whose order the read model does not hold: the reconciler checks each in the log. */
export const orphanReservations = (knex: Knex, before: Date, limit = 500) =>
  knex('rm_fulfillment_reservations as r')
    .leftJoin('rm_fulfillment_orders as o', (on) => on.on(knex.raw('o.id::text = r.order_id')))
    .whereNull('o.id')
    .andWhere('r.reserved_at', '<', before)
    .orderBy('r.reserved_at')
    .limit(limit)
    .select<Array<{ order_id: string; promotion_id: string; program_id: string | null; sku: string | null }>>(
      'r.order_id',
      'r.promotion_id',
      'r.program_id',
      'r.sku',
    );
