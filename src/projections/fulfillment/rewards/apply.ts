import type { Knex } from 'knex';
import type { RewardEvent, RewardFields } from '../../../domain/fulfillment/rewards/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { definedColumns, editedEntryRow } from '../change.js';

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
  const entry = editedEntryRow(trx, 'rm_fulfillment_rewards', ['sku', parsed.data.sku], event, columns);
  switch (parsed.type) {
    case 'CatalogRewardListed': {
      const d = parsed.data;
      await entry.create({}, d.fields, { status: d.status, stock_quantity: d.stockQuantity }, d.listedAt);
      return;
    }
    case 'CatalogRewardUpdated':
    case 'CatalogRewardStatusChanged':
      await entry.edit(parsed.data);
      return;
    case 'CatalogRewardRestocked':
      await entry.once({
        stock_quantity: trx.raw('coalesce(stock_quantity, 0) + ?', [parsed.data.quantity]),
        updated_at: parsed.data.restockedAt,
      });
      return;
    case 'CatalogRewardStockReserved':
      await entry.once(parsed.data.counted ? { stock_quantity: trx.raw('stock_quantity - 1') } : {});
      return;
    case 'CatalogRewardStockReleased':
      await entry.once(parsed.data.counted ? { stock_quantity: trx.raw('stock_quantity + 1') } : {});
      return;
  }
}
