import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/errors.js';
import type { TokenEvent } from './events.js';

export type TokenState =
  | { readonly status: 'available' }
  | { readonly status: 'redeemed'; readonly redemptionId: string }
  | { readonly status: 'revoked' };

export type TokenCommand =
  | {
      readonly type: 'RedeemToken';
      readonly data: {
        readonly promotionId: string;
        readonly tokenDigest: string;
        readonly orderId: string;
        readonly redemptionId: string;
        readonly now: string;
      };
    }
  | {
      readonly type: 'RevokeToken';
      readonly data: { readonly promotionId: string; readonly tokenDigest: string; readonly now: string };
    };

export const invalidToken = (message: string): DomainError =>
  new DomainError('invalid_token', message, [{ field: 'token', message }]);

/** A token (issued or imported on its promotion) is consumed once, by one redemption; a revoked one never. */
export const tokenDecider: Decider<TokenState, TokenCommand, TokenEvent> = {
  initialState: () => ({ status: 'available' }),
  evolve(_state, event) {
    switch (event.type) {
      case 'PromotionTokenRedeemed':
        return { status: 'redeemed', redemptionId: event.data.redemptionId };
      case 'PromotionTokenRevoked':
        return { status: 'revoked' };
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RedeemToken': {
        const { promotionId, tokenDigest, orderId, redemptionId, now } = command.data;
        if (state.status === 'redeemed' && state.redemptionId === redemptionId) return [];
        if (state.status !== 'available') throw invalidToken(`the token is ${state.status}`);
        return [
          {
            type: 'PromotionTokenRedeemed',
            data: { promotionId, tokenDigest, orderId, redemptionId, redeemedAt: now },
          },
        ];
      }
      case 'RevokeToken': {
        if (state.status !== 'available') return [];
        const { promotionId, tokenDigest, now } = command.data;
        return [{ type: 'PromotionTokenRevoked', data: { promotionId, tokenDigest, revokedAt: now } }];
      }
    }
  },
};
