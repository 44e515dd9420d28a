import { describe, it } from 'vitest';
import { tokenDecider } from '../../../src/domain/fulfillment/tokens/token.js';
import { spec } from '../../support/decider.js';
import { PROMOTION, T0 } from './fixtures.js';

const { given } = spec(tokenDecider);
const DIGEST = 'a'.repeat(64);
const ORDER = '33333333-3333-5333-8333-333333333333';
const redeem = (redemptionId: string) =>
  ({
    type: 'RedeemToken',
    data: { promotionId: PROMOTION, tokenDigest: DIGEST, orderId: ORDER, redemptionId, now: T0 },
  }) as const;
const redeemed = (redemptionId: string) =>
  ({
    type: 'PromotionTokenRedeemed',
    data: { promotionId: PROMOTION, tokenDigest: DIGEST, orderId: ORDER, redemptionId, redeemedAt: T0 },
  }) as const;
const revoke = { type: 'RevokeToken', data: { promotionId: PROMOTION, tokenDigest: DIGEST, now: T0 } } as const;
const revoked = {
  type: 'PromotionTokenRevoked',
  data: { promotionId: PROMOTION, tokenDigest: DIGEST, revokedAt: T0 },
} as const;

describe('token decider', () => {
  it('consumes an available token for one redemption', () => {
    given([])
      .when(redeem('r1'))
      .then([redeemed('r1')]);
  });

  it('answers the same redemption again with nothing, and refuses another one invalid_token', () => {
    given([redeemed('r1')])
      .when(redeem('r1'))
      .then([]);
    given([redeemed('r1')])
      .when(redeem('r2'))
      .thenThrows('invalid_token');
  });

  it('revokes an available token once; a revoked token redeems nothing', () => {
    given([]).when(revoke).then([revoked]);
    given([revoked]).when(revoke).then([]);
    given([revoked]).when(redeem('r1')).thenThrows('invalid_token');
  });

  it('leaves a redeemed token redeemed when it is revoked', () => {
    given([redeemed('r1')])
      .when(revoke)
      .then([]);
  });
});
