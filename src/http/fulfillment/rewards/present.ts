import type { RewardRow } from '../../../projections/fulfillment/rewards/queries.js';
import { amount } from '../common.js';

const money = (minor: string | null): string | null => (minor === null ? null : amount(minor));

/** A catalogue reward as the API shows it. */
export function presentReward(row: RewardRow) {
  const stock = row.stock_quantity === null ? null : Number(row.stock_quantity);
  return {
    sku: row.sku,
    name: row.name,
    provider: { id: row.provider.id, name: row.provider.name },
    denomination_type: row.denomination_type,
    face_value: money(row.face_value),
    min_value: money(row.min_value),
    max_value: money(row.max_value),
    currency: row.currency,
    countries: row.countries,
    categories: row.categories,
    media: row.media,
    status: row.status,
    in_stock: stock === null || stock > 0,
    stock_quantity: stock,
    description: row.description,
    terms_and_conditions: row.terms_and_conditions,
    logo_url: row.logo_url,
  };
}
