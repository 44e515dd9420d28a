import type { Knex } from 'knex';
import type { PromotionEvent, PromotionFields } from '../../../domain/fulfillment/promotions/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { definedColumns, editedEntryRow } from '../change.js';

const columns = (f: Partial<PromotionFields>): Record<string, Knex.Value> =>
  definedColumns({
    name: f.name,
    start_datetime: f.startDatetime,
    end_datetime: f.endDatetime,
    rewards: f.rewards && JSON.stringify(f.rewards),
    authentication_systems: f.authenticationSystems && JSON.stringify(f.authenticationSystems),
    redeem_frequency: f.redeemFrequency,
    budget: f.budget,
    currency: f.currency,
    link_ttl_days: f.linkTtlDays,
    redemption_url_template: f.redemptionUrlTemplate,
  });

export async function applyPromotion(
  trx: Knex.Transaction,
  parsed: PromotionEvent,
  event: RecordedEvent,
): Promise<void> {
  const entry = editedEntryRow(trx, 'rm_fulfillment_promotions', ['id', parsed.data.promotionId], event, columns);
  switch (parsed.type) {
    case 'PromotionCreated': {
      const d = parsed.data;
      await entry.create({ program_id: d.programId }, d.fields, { status: d.status }, d.createdAt);
      return;
    }
    case 'PromotionUpdated':
    case 'PromotionStatusChanged':
      await entry.edit(parsed.data);
      return;
    case 'PromotionBudgetReserved': {
      const { promotionId, orderId, amount, sku } = parsed.data;
      if (!(await entry.once({ budget_reserved: trx.raw('budget_reserved + ?', [amount]) }))) return;
      const row = {
        order_id: orderId,
        promotion_id: promotionId,
        program_id: event.metadata.tenantId ?? null,
        sku: sku ?? null,
        reserved_at: event.createdAt,
      };
      await trx('rm_fulfillment_reservations').insert(row).onConflict('order_id').ignore();
      return;
    }
    case 'PromotionBudgetReleased':
      if (await entry.once({ budget_reserved: trx.raw('budget_reserved - ?', [parsed.data.amount]) }))
        await trx('rm_fulfillment_reservations').where({ order_id: parsed.data.orderId }).delete();
      return;
    case 'PromotionTokensIssued': {
      const { promotionId, tokens, issuedAt } = parsed.data;
      if (!(await entry.once({})) || tokens.length === 0) return;
      const rows = tokens.map((t) => ({
        promotion_id: promotionId,
        digest: t.digest,
        hint: t.hint,
        status: 'available',
        created_at: issuedAt,
      }));
      await trx('rm_fulfillment_tokens').insert(rows).onConflict(['promotion_id', 'digest']).ignore();
      return;
    }
    case 'PromotionUsersAllowed': {
      const { promotionId, userIds, allowedAt } = parsed.data;
      if (!(await entry.once({})) || userIds.length === 0) return;
      const rows = userIds.map((userId) => ({ promotion_id: promotionId, user_id: userId, created_at: allowedAt }));
      await trx('rm_fulfillment_promotion_users').insert(rows).onConflict(['promotion_id', 'user_id']).ignore();
      return;
    }
    case 'PromotionUserDisallowed':
      if (await entry.once({}))
        await trx('rm_fulfillment_promotion_users')
          .where({ promotion_id: parsed.data.promotionId, user_id: parsed.data.userId })
          .delete();
      return;
  }
}
