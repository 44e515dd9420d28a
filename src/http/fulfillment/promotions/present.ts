import { promotionState } from '../../../domain/fulfillment/promotions/promotion.js';
import type { PromotionRow } from '../../../projections/fulfillment/promotions/queries.js';
import { amount } from '../common.js';

/** A promotion as the API shows it: `state` at `now`, budget figures from the read model, each offer's `in_stock`. */
export function presentPromotion(row: PromotionRow, now: Date, inStock: ReadonlyMap<string, boolean>) {
  const start = row.start_datetime.toISOString();
  const end = row.end_datetime.toISOString();
  const budget = Number(row.budget);
  const reserved = Number(row.budget_reserved);
  const spent = Number(row.budget_spent);
  return {
    id: row.id,
    name: row.name,
    start_datetime: start,
    end_datetime: end,
    status: row.status,
    state: promotionState({ startDatetime: start, endDatetime: end }, now.toISOString()),
    rewards: row.rewards.map((offer) => ({
      sku: offer.sku,
      status: offer.status,
      in_stock: inStock.get(offer.sku) ?? false,
    })),
    authentication_systems: row.authentication_systems,
    redeem_frequency: row.redeem_frequency,
    budget: { amount: amount(budget), currency: row.currency },
    budget_reserved: amount(reserved),
    budget_spent: amount(spent),
    budget_remaining: amount(Math.max(0, budget - reserved - spent)),
    link_ttl_days: row.link_ttl_days,
    redemption_url_template: row.redemption_url_template,
    created_datetime: row.created_at.toISOString(),
    updated_datetime: row.updated_at.toISOString(),
  };
}
