import { describe, expect, it } from 'vitest';
import { differences, orderDecider } from '../../../src/domain/fulfillment/orders/order.js';
import { spec } from '../../support/decider.js';
import { PROGRAM, placedData, T0 } from './fixtures.js';

const { given } = spec(orderDecider);
const ID = placedData().orderId;
const placed = (overrides = {}) => ({ type: 'OrderPlaced', data: placedData(overrides) }) as const;
const failed = { type: 'OrderFailed', data: { orderId: ID, reason: 'no', failedAt: T0 } } as const;
const issued = [
  { type: 'OrderCodeIssued', data: { orderId: ID, codesSealed: 'sealed', issuedAt: T0 } },
  { type: 'OrderDelivered', data: { orderId: ID, deliveredAt: T0 } },
] as const;

describe('order decider', () => {
  it('places an order; the same body again changes nothing', () => {
    given([]).when({ type: 'PlaceOrder', data: placedData() }).then([placed()]);
    given([placed()])
      .when({ type: 'PlaceOrder', data: placedData({ placedAt: '2026-11-23T00:00:00.000Z' }) })
      .then([]);
  });

  it('refuses another body under the same order_id with one detail per differing field', () => {
    given([placed()])
      .when({ type: 'PlaceOrder', data: placedData({ sku: 'OTHER', value: 2500 }) })
      .thenThrows('conflict_uniqueness');
    const fields = differences(placedData(), placedData({ sku: 'OTHER', value: 2500 })).map((d) => d.field);
    expect(fields).toEqual(['reward.sku', 'reward.value.amount']);
  });

  it('places a new order with what the provider answered in the same events; a replay decides nothing more', () => {
    const outcome = { type: 'IssueCodes', data: { codesSealed: 'sealed', now: T0 } } as const;
    given([])
      .when({ type: 'PlaceOrder', data: placedData(), outcome })
      .then([placed(), ...issued]);
    given([])
      .when({ type: 'PlaceOrder', data: placedData(), outcome: { type: 'FailOrder', data: { reason: 'no', now: T0 } } })
      .then([placed(), failed]);
    given([placed()]).when({ type: 'PlaceOrder', data: placedData(), outcome }).then([]);
  });

  it('issues the codes of a processing order once, delivered', () => {
    given([placed()])
      .when({ type: 'IssueCodes', data: { codesSealed: 'sealed', now: T0 } })
      .then([...issued]);
    given([placed(), ...issued])
      .when({ type: 'IssueCodes', data: { codesSealed: 'sealed', now: T0 } })
      .then([]);
  });

  it('fails a processing order, and retries a failed one', () => {
    given([placed()])
      .when({ type: 'FailOrder', data: { reason: 'no', now: T0 } })
      .then([failed]);
    given([placed(), failed])
      .when({ type: 'RetryOrder', data: { now: T0 } })
      .then([{ type: 'OrderFulfilmentRetried', data: { orderId: ID, retriedAt: T0 } }]);
    given([placed()])
      .when({ type: 'RetryOrder', data: { now: T0 } })
      .then([]);
  });

  it('cancels a pending or failed order only', () => {
    const cancel = { type: 'CancelOrder', data: { programId: PROGRAM, now: T0 } } as const;
    given([placed(), failed])
      .when(cancel)
      .then([{ type: 'OrderCanceled', data: { orderId: ID, canceledAt: T0 } }]);
    given([placed({ deliveryMethod: 'link' })])
      .when(cancel)
      .then([{ type: 'OrderCanceled', data: { orderId: ID, canceledAt: T0 } }]);
    given([placed(), ...issued])
      .when(cancel)
      .thenThrows('operation_refused');
    given([placed(), failed])
      .when({ type: 'CancelOrder', data: { programId: '99999999-9999-4999-8999-999999999999', now: T0 } })
      .thenThrows('not_found');
  });

  it('expires a pending link order at its expiry, not before', () => {
    const link = placed({ deliveryMethod: 'link', expiresAt: '2026-12-22T10:00:00.000Z' });
    given([link])
      .when({ type: 'ExpireOrder', data: { now: '2026-12-01T00:00:00.000Z' } })
      .then([]);
    given([link])
      .when({ type: 'ExpireOrder', data: { now: '2026-12-22T10:00:00.000Z' } })
      .then([{ type: 'OrderExpired', data: { orderId: ID, expiredAt: '2026-12-22T10:00:00.000Z' } }]);
  });
});
