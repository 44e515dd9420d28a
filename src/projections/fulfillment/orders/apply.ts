import type { Knex } from 'knex';
import type { OrderEvent } from '../../../domain/fulfillment/orders/events.js';
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

export async function applyOrder(trx: Knex.Transaction, parsed: OrderEvent, event: RecordedEvent): Promise<void> {
  const where = { id: parsed.data.orderId };
  const once = (set: Record<string, Knex.Value>) => changeOnce(trx, 'rm_fulfillment_orders', where, event, set);
  switch (parsed.type) {
    case 'OrderPlaced': {
      const d = parsed.data;
      await trx('rm_fulfillment_orders')
        .insert({
          id: d.orderId,
          program_id: d.programId,
          order_id: d.clientOrderId,
          promotion_id: d.promotionId,
          promotion_name: d.promotionName,
          sku: d.sku,
          reward_name: d.rewardName,
          provider: JSON.stringify(d.provider),
          value: d.value,
          currency: d.currency,
          user_id: d.user?.id ?? null,
          user_email_digest: d.user?.emailDigest ?? null,
          user_email_sealed: d.user?.emailSealed ?? null,
          user_first_name: d.user?.firstName ?? null,
          user_last_name: d.user?.lastName ?? null,
          delivery_method: d.deliveryMethod,
          status: d.deliveryMethod === 'link' ? 'pending' : 'processing',
          testing: d.testing,
          created_at: d.placedAt,
          expires_at: d.expiresAt,
          updated_at: d.placedAt,
          version: event.revision.toString(),
        })
        .onConflict('id')
        .ignore();
      return;
    }
    case 'OrderCodeIssued':
      await once({ codes_sealed: parsed.data.codesSealed, updated_at: parsed.data.issuedAt });
      return;
    case 'OrderDelivered':
      if (
        await once({ status: 'delivered', delivered_at: parsed.data.deliveredAt, updated_at: parsed.data.deliveredAt })
      )
        await spend(trx, parsed.data.orderId);
      return;
    case 'OrderFailed':
      await once({ status: 'failed', failure_reason: parsed.data.reason, updated_at: parsed.data.failedAt });
      return;
    case 'OrderFulfilmentRetried':
      await once({ status: 'processing', failure_reason: null, updated_at: parsed.data.retriedAt });
      return;
    case 'OrderCanceled':
      await once({ status: 'canceled', updated_at: parsed.data.canceledAt });
      return;
    case 'OrderExpired':
      await once({ status: 'expired', updated_at: parsed.data.expiredAt });
      return;
  }
}
