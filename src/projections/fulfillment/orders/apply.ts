import type { Knex } from 'knex';
import type { OrderEvent, OrderPlacedData } from '../../../domain/fulfillment/orders/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { changeOnce } from '../change.js';

/** A delivered order's value moves from its promotion's budget_reserved to budget_spent, once. */
async function spend(trx: Knex.Transaction, orderId: string): Promise<void> {
  await trx.raw(
    `with spent as (
       update rm_fulfillment_orders set spent = true where id = ? and not spent returning promotion_id, value
     )
     update rm_fulfillment_promotions p
        set budget_reserved = p.budget_reserved - spent.value, budget_spent = p.budget_spent + spent.value
       from spent where p.id = spent.promotion_id`,
    [orderId],
  );
}

/** An email order's mail concluded (a `none` or `link` order has no mail: its columns stay null). */
const mailDone = (trx: Knex.Transaction, status: 'sent' | 'failed') => ({
  delivery_status: trx.raw(`case when mail_send is null then null else ? end`, [status]),
  mail_retry_at: null,
});

/** A resend, or a failed email order retried: a new send of the mail, due at once. */
const nextSend = (trx: Knex.Transaction, at: string) => ({
  delivery_status: trx.raw(`case when mail_send is null then null else 'pending' end`),
  mail_send: trx.raw('mail_send + 1'),
  mail_attempts: trx.raw(`case when mail_send is null then null else 0 end`),
  mail_retry_at: trx.raw(`case when mail_send is null then null else ?::timestamptz end`, [at]),
});

/** The columns naming what an order is of, as placed: the same in its row and in a row made of the write-side state. */
export const placedColumns = (d: OrderPlacedData) => ({
  id: d.orderId,
  program_id: d.programId,
  order_id: d.clientOrderId,
  promotion_id: d.promotionId,
  promotion_name: d.promotionName,
  sku: d.sku,
  reward_name: d.rewardName,
});

/** The order's end user as its columns (all null for an order without one). */
export const userColumns = (user: OrderPlacedData['user']) => ({
  user_id: user?.id ?? null,
  user_email_digest: user?.emailDigest ?? null,
  user_email_sealed: user?.emailSealed ?? null,
  user_first_name: user?.firstName ?? null,
  user_last_name: user?.lastName ?? null,
});

/** The row an OrderPlaced inserts. */
export function placedRow(trx: Knex.Transaction, d: OrderPlacedData, event: RecordedEvent): Record<string, Knex.Value> {
  return {
    ...placedColumns(d),
    provider: JSON.stringify(d.provider),
    value: d.value,
    currency: d.currency,
    ...userColumns(d.user),
    delivery_method: d.deliveryMethod,
    status: d.deliveryMethod === 'link' ? 'pending' : 'processing',
    testing: d.testing,
    created_at: d.placedAt,
    expires_at: d.expiresAt,
    updated_at: d.placedAt,
    claim_code_digest: d.claimCodeDigest,
    claim_code_sealed: d.claimCodeSealed,
    redemption_url_template: trx.raw('(select redemption_url_template from rm_fulfillment_promotions where id = ?)', [
      d.promotionId,
    ]),
    delivery_status: d.deliveryMethod === 'email' ? 'pending' : null,
    mail_send: d.deliveryMethod === 'email' ? 1 : null,
    mail_attempts: d.deliveryMethod === 'email' ? 0 : null,
    mail_retry_at: d.deliveryMethod === 'email' ? d.placedAt : null,
    version: event.revision.toString(),
  };
}

export async function applyOrder(trx: Knex.Transaction, parsed: OrderEvent, event: RecordedEvent): Promise<void> {
  const where = { id: parsed.data.orderId };
  const once = (set: Record<string, Knex.Value>) => changeOnce(trx, 'rm_fulfillment_orders', where, event, set);
  switch (parsed.type) {
    case 'OrderPlaced':
      await trx('rm_fulfillment_orders')
        .insert(placedRow(trx, parsed.data, event))
        .onConflict('id')
        .ignore();
      // The order is written: its reservation is no orphan for the reconciler to look at again.
      await trx('rm_fulfillment_reservations').where({ order_id: parsed.data.orderId }).delete();
      return;
    case 'OrderCodeIssued':
      await once({ codes_sealed: parsed.data.codesSealed, updated_at: parsed.data.issuedAt });
      return;
    case 'OrderDelivered': {
      const at = parsed.data.deliveredAt;
      if (await once({ status: 'delivered', delivered_at: at, updated_at: at, ...mailDone(trx, 'sent') }))
        await spend(trx, parsed.data.orderId);
      return;
    }
    case 'OrderFailed':
      await once({
        status: 'failed',
        failure_reason: parsed.data.reason,
        updated_at: parsed.data.failedAt,
        ...mailDone(trx, 'failed'),
      });
      return;
    case 'OrderFulfilmentRetried':
      await once({
        status: 'processing',
        failure_reason: null,
        updated_at: parsed.data.retriedAt,
        ...nextSend(trx, parsed.data.retriedAt),
      });
      return;
    case 'OrderMailAttemptFailed': {
      const { attempt, retryAt, failedAt } = parsed.data;
      const status = retryAt === null ? 'failed' : 'pending';
      await once({ mail_attempts: attempt, mail_retry_at: retryAt, delivery_status: status, updated_at: failedAt });
      return;
    }
    case 'OrderRedeemed': {
      const d = parsed.data;
      if (
        !(await once({
          status: trx.raw(`case when status = 'pending' then 'processing' else status end`),
          updated_at: d.redeemedAt,
        }))
      )
        return;
      await trx.raw(
        `insert into rm_fulfillment_redemptions
           (id, program_id, order_uuid, promotion_id, user_id, authentication_system, token_hint, redeemed_at)
         select ?, program_id, id, promotion_id, ?, ?, ?, ? from rm_fulfillment_orders where id = ?
         on conflict do nothing`,
        [d.redemptionId, d.userId, d.authenticationSystem, d.tokenHint, d.redeemedAt, d.orderId],
      );
      return;
    }
    case 'OrderDeliveryResent': {
      const { resentAt, emailSealed } = parsed.data;
      await once({
        status: trx.raw(`case when status = 'failed' then 'processing' else status end`),
        failure_reason: trx.raw(`case when status = 'failed' then null else failure_reason end`),
        updated_at: resentAt,
        ...nextSend(trx, resentAt),
        ...(emailSealed === null ? {} : { delivery_email_sealed: emailSealed }),
      });
      return;
    }
    case 'OrderCanceled':
      await once({ status: 'canceled', updated_at: parsed.data.canceledAt });
      return;
    case 'OrderExpired':
      await once({ status: 'expired', updated_at: parsed.data.expiredAt });
      return;
  }
}
