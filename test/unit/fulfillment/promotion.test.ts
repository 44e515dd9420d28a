import { describe, it } from 'vitest';
import { promotionDecider } from '../../../src/domain/fulfillment/promotions/promotion.js';
import { spec } from '../../support/decider.js';
import { created, PROGRAM, PROMOTION, promotionFields, T0 } from './fixtures.js';

const { given } = spec(promotionDecider);
const reserve = (orderId: string, amount: number, extra: { sku?: string; now?: string; programId?: string } = {}) =>
  ({
    type: 'ReserveBudget',
    data: { programId: extra.programId ?? PROGRAM, orderId, sku: extra.sku ?? 'GIFT', amount, now: extra.now ?? T0 },
  }) as const;
const reserved = (orderId: string, amount: number) =>
  ({ type: 'PromotionBudgetReserved', data: { promotionId: PROMOTION, orderId, amount, sku: 'GIFT' } }) as const;

describe('promotion decider', () => {
  it('creates a promotion, and refuses an end before the start', () => {
    given([])
      .when({
        type: 'CreatePromotion',
        data: { promotionId: PROMOTION, programId: PROGRAM, fields: promotionFields(5000), status: 'enabled', now: T0 },
      })
      .then([created(5000)]);
    given([])
      .when({
        type: 'CreatePromotion',
        data: {
          promotionId: PROMOTION,
          programId: PROGRAM,
          fields: { ...promotionFields(1), endDatetime: '2025-01-01T00:00:00.000Z' },
          status: 'enabled',
          now: T0,
        },
      })
      .thenThrows('invalid_request');
  });

  it('reserves budget once per order while it lasts', () => {
    given([created(2000)])
      .when(reserve('a', 1000))
      .then([reserved('a', 1000)]);
    given([created(2000), reserved('a', 1000)])
      .when(reserve('a', 1000))
      .then([]);
    given([created(2000), reserved('a', 1000), reserved('b', 1000)])
      .when(reserve('c', 1))
      .thenThrows('operation_refused');
  });

  it('refuses an order outside the promotion window, for a sku not offered, or of another program', () => {
    given([created(2000)])
      .when(reserve('a', 10, { now: '2028-01-01T00:00:00.000Z' }))
      .thenThrows('operation_refused');
    given([created(2000)])
      .when(reserve('a', 10, { sku: 'OTHER' }))
      .thenThrows('operation_refused');
    given([created(2000)])
      .when(reserve('a', 10, { programId: '99999999-9999-4999-8999-999999999999' }))
      .thenThrows('not_found');
  });

  it('refuses an order in another currency than the promotion’s, when the order names it', () => {
    const inUsd = { ...reserve('a', 10), data: { ...reserve('a', 10).data, currency: 'USD' } };
    given([created(2000)])
      .when(inUsd)
      .thenThrows('invalid_request');
    given([created(2000)])
      .when({ ...inUsd, data: { ...inUsd.data, currency: 'EUR' } })
      .then([reserved('a', 10)]);
  });

  it('refuses orders while paused', () => {
    given([
      created(2000),
      { type: 'PromotionStatusChanged', data: { promotionId: PROMOTION, status: 'paused', changedAt: T0 } },
    ])
      .when(reserve('a', 10))
      .thenThrows('operation_refused');
  });

  it('releases what an order held, once', () => {
    given([created(2000), reserved('a', 700)])
      .when({ type: 'ReleaseBudget', data: { orderId: 'a' } })
      .then([{ type: 'PromotionBudgetReleased', data: { promotionId: PROMOTION, orderId: 'a', amount: 700 } }]);
    given([created(2000)])
      .when({ type: 'ReleaseBudget', data: { orderId: 'a' } })
      .then([]);
  });

  it('refuses a budget below what is reserved and spent', () => {
    const update = (budget: number) =>
      ({ type: 'UpdatePromotion', data: { programId: PROGRAM, changes: { budget }, now: T0 } }) as const;
    given([created(2000), reserved('a', 1500)])
      .when(update(1000))
      .thenThrows('operation_refused');
    given([created(2000), reserved('a', 1500)])
      .when(update(1500))
      .then([{ type: 'PromotionUpdated', data: { promotionId: PROMOTION, changes: { budget: 1500 }, updatedAt: T0 } }]);
  });
});
