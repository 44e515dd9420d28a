import { describe, it } from 'vitest';
import { rewardDecider } from '../../../src/domain/fulfillment/rewards/reward.js';
import { spec } from '../../support/decider.js';
import { giftFields, listed, T0 } from './fixtures.js';

const { given } = spec(rewardDecider);
const reserved = (orderId: string, counted = true) =>
  ({ type: 'CatalogRewardStockReserved', data: { sku: 'GIFT', orderId, counted } }) as const;

describe('catalogue reward decider', () => {
  it('lists a reward once; a taken sku is conflict_uniqueness, the sandbox seed lists nothing again', () => {
    const list = { sku: 'GIFT', fields: giftFields, status: 'enabled' as const, stockQuantity: 3, now: T0 };
    given([])
      .when({ type: 'ListReward', data: { ...list, ifAbsent: false } })
      .then([listed(3)]);
    given([listed(3)])
      .when({ type: 'ListReward', data: { ...list, ifAbsent: false } })
      .thenThrows('conflict_uniqueness');
    given([listed(3)])
      .when({ type: 'ListReward', data: { ...list, ifAbsent: true } })
      .then([]);
  });

  it('refuses a fixed reward without a face value', () => {
    given([])
      .when({
        type: 'ListReward',
        data: {
          sku: 'X',
          fields: { ...giftFields, faceValue: null },
          status: 'enabled',
          stockQuantity: null,
          ifAbsent: false,
          now: T0,
        },
      })
      .thenThrows('invalid_request');
  });

  it('reserves one unit per order, once, and refuses the unit that is not there', () => {
    given([listed(1)])
      .when({ type: 'ReserveStock', data: { orderId: 'a' } })
      .then([reserved('a')]);
    given([listed(1), reserved('a')])
      .when({ type: 'ReserveStock', data: { orderId: 'a' } })
      .then([]);
    given([listed(1), reserved('a')])
      .when({ type: 'ReserveStock', data: { orderId: 'b' } })
      .thenThrows('operation_refused');
  });

  it('reserves without counting when the reward is not stock-managed', () => {
    given([listed(null)])
      .when({ type: 'ReserveStock', data: { orderId: 'a' } })
      .then([reserved('a', false)]);
  });

  it('refuses a unit of a paused reward', () => {
    given([listed(5), { type: 'CatalogRewardStatusChanged', data: { sku: 'GIFT', status: 'paused', changedAt: T0 } }])
      .when({ type: 'ReserveStock', data: { orderId: 'a' } })
      .thenThrows('operation_refused');
  });

  it('releases a held unit once, as it was counted', () => {
    given([listed(1), reserved('a')])
      .when({ type: 'ReleaseStock', data: { orderId: 'a' } })
      .then([{ type: 'CatalogRewardStockReleased', data: { sku: 'GIFT', orderId: 'a', counted: true } }]);
    given([listed(1)])
      .when({ type: 'ReleaseStock', data: { orderId: 'a' } })
      .then([]);
  });

  it('restocks, and never removes more than is available (reserved units stay)', () => {
    given([listed(1), reserved('a')])
      .when({ type: 'Restock', data: { quantity: -1, now: T0 } })
      .thenThrows('operation_refused');
    given([listed(2), reserved('a')])
      .when({ type: 'Restock', data: { quantity: -1, now: T0 } })
      .then([{ type: 'CatalogRewardRestocked', data: { sku: 'GIFT', quantity: -1, restockedAt: T0 } }]);
  });

  it('updates only what changed and never the currency', () => {
    given([listed(1)])
      .when({ type: 'UpdateReward', data: { changes: { name: 'Gift 10', description: 'new' }, now: T0 } })
      .then([{ type: 'CatalogRewardUpdated', data: { sku: 'GIFT', changes: { description: 'new' }, updatedAt: T0 } }]);
    given([listed(1)])
      .when({ type: 'UpdateReward', data: { changes: { currency: 'USD' }, now: T0 } })
      .thenThrows('invalid_request');
    given([])
      .when({ type: 'UpdateReward', data: { changes: {}, now: T0 } })
      .thenThrows('not_found');
  });
});
