import { describe, it } from 'vitest';
import { orderDecider } from '../../../src/domain/fulfillment/orders/order.js';
import { spec } from '../../support/decider.js';
import { PROGRAM, placedData, T0 } from './fixtures.js';

const { given } = spec(orderDecider);
const ID = placedData().orderId;
const placed = (overrides = {}) => ({ type: 'OrderPlaced', data: placedData(overrides) }) as const;
const link = placed({ deliveryMethod: 'link' });
type Proof = { userId?: string | null; system?: 'none' | 'token' | 'user_id'; token?: string | null };
const redeem = (redemptionId: string, proof: Proof = {}, programId = PROGRAM) =>
  ({
    type: 'RedeemOrder',
    data: {
      programId,
      redemptionId,
      userId: proof.userId ?? null,
      authenticationSystem: proof.system ?? 'none',
      tokenDigest: proof.token ?? null,
      tokenHint: proof.token ? proof.token.slice(-4) : null,
      now: T0,
    },
  }) as const;
const redeemed = (redemptionId: string, proof: Proof = {}) =>
  ({
    type: 'OrderRedeemed',
    data: {
      orderId: ID,
      redemptionId,
      userId: proof.userId ?? null,
      authenticationSystem: proof.system ?? 'none',
      tokenDigest: proof.token ?? null,
      tokenHint: proof.token ? proof.token.slice(-4) : null,
      redeemedAt: T0,
    },
  }) as const;
const statusEvent = (type: 'OrderCanceled' | 'OrderExpired' | 'OrderFailed') =>
  type === 'OrderCanceled'
    ? { type, data: { orderId: ID, canceledAt: T0 } }
    : type === 'OrderExpired'
      ? { type, data: { orderId: ID, expiredAt: T0 } }
      : { type, data: { orderId: ID, reason: 'no', failedAt: T0 } };

describe('redemption rules (order decider)', () => {
  it('redeems a pending link order, binding it to the user who claims it', () => {
    given([link])
      .when(redeem('r1', { userId: 'u1', system: 'user_id' }))
      .then([redeemed('r1', { userId: 'u1', system: 'user_id' })]);
  });

  it('refuses a user other than the one the order was placed for: user_mismatch', () => {
    given([
      placed({
        deliveryMethod: 'link',
        user: { id: 'u1', emailDigest: null, emailSealed: null, firstName: null, lastName: null },
      }),
    ])
      .when(redeem('r1', { userId: 'u2', system: 'user_id' }))
      .thenThrows('user_mismatch');
  });

  it('refuses a user other than the one of the first redemption: user_mismatch', () => {
    given([link, redeemed('r1', { userId: 'u1', system: 'user_id' })])
      .when(redeem('r2', { userId: 'u2', system: 'user_id' }))
      .thenThrows('user_mismatch');
  });

  it('answers the same proof again with nothing, and refuses a second redemption with another proof', () => {
    const proof = { system: 'token', token: 'digest-1234' } as const;
    given([link, redeemed('r1', proof)])
      .when(redeem('r2', proof))
      .then([]);
    given([link, redeemed('r1', proof)])
      .when(redeem('r2', { system: 'token', token: 'digest-9999' }))
      .thenThrows('operation_refused');
  });

  it('refuses a canceled, expired or failed order', () => {
    for (const type of ['OrderCanceled', 'OrderExpired', 'OrderFailed'] as const)
      given([link, statusEvent(type)])
        .when(redeem('r1'))
        .thenThrows('operation_refused');
  });

  it('does not show another program its order, nor an order that does not exist', () => {
    given([link])
      .when(redeem('r1', {}, '99999999-9999-4999-8999-999999999999'))
      .thenThrows('not_found');
    given([]).when(redeem('r1')).thenThrows('not_found');
  });
});
