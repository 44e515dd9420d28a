import type { Knex } from 'knex';
import type { RewardEvent, RewardFields } from '../../../domain/fulfillment/rewards/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { insertOnce } from '../../shared/handlers.js';
import { changeOnce, definedColumns, editedColumns } from '../change.js';

const columns = (f: Partial<RewardFields>): Record<string, Knex.Value> =>
  definedColumns({
    name: f.name,
    provider: f.provider && JSON.stringify(f.provider),
    denomination_type: f.denominationType,
    face_value: f.faceValue,
    min_value: f.minValue,
    max_value: f.maxValue,
    currency: f.currency,
    countries: f.countries && JSON.stringify(f.countries),
    categories: f.categories && JSON.stringify(f.categories),
    media: f.media && JSON.stringify(f.media),
    description: f.description,
    terms_and_conditions: f.termsAndConditions,
    logo_url: f.logoUrl,
  });

export async function applyReward(trx: Knex.Transaction, parsed: RewardEvent, event: RecordedEvent): Promise<void> {
  const where = { sku: parsed.data.sku };
  const once = (set: Record<string, Knex.Value | Knex.Raw>) =>
    changeOnce(trx, 'rm_fulfillment_rewards', where, event, set);
  switch (parsed.type) {
    case 'CatalogRewardListed': {
      const d = parsed.data;
      await insertOnce(trx, 'rm_fulfillment_rewards', 'sku', event, {
        sku: d.sku,
        ...columns(d.fields),
        status: d.status,
        stock_quantity: d.stockQuantity,
        created_at: d.listedAt,
        updated_at: d.listedAt,
      });
      return;
    }
    case 'CatalogRewardUpdated':
    case 'CatalogRewardStatusChanged':
      await once(editedColumns(parsed.data, columns));
      return;
    case 'CatalogRewardRestocked':
      await once({
        stock_quantity: trx.raw('coalesce(stock_quantity, 0) + ?', [parsed.data.quantity]),
        updated_at: parsed.data.restockedAt,
      });
      return;
    case 'CatalogRewardStockReserved':
      await once(parsed.data.counted ? { stock_quantity: trx.raw('stock_quantity - 1') } : {});
      return;
    case 'CatalogRewardStockReleased':
      await once(parsed.data.counted ? { stock_quantity: trx.raw('stock_quantity + 1') } : {});
      return;
  }
}
