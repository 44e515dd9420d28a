import { DomainError, notFound, refused } from '../../shared/errors.js';
import type { OrderEvent } from './events.js';
import type { PlacedOrder } from './order.js';

export type AuthenticationSystem = 'none' | 'token' | 'user_id';

/** The end user's claim on an order, with the proof it gave. */
export interface Redemption {
  readonly redemptionId: string;
  readonly userId: string | null;
  readonly authenticationSystem: AuthenticationSystem;
  readonly tokenDigest: string | null;
  readonly tokenHint: string | null;
  readonly redeemedAt: string;
}

export interface RedeemCommand {
  readonly type: 'RedeemOrder';
  readonly data: Omit<Redemption, 'redeemedAt'> & { readonly programId: string; readonly now: string };
}

const sameProof = (a: Redemption, b: RedeemCommand['data']): boolean =>
  a.authenticationSystem === b.authenticationSystem && a.tokenDigest === b.tokenDigest && a.userId === b.userId;

/** The user an order is bound to: at its placing, else at its first redemption. */
export const boundUser = (order: PlacedOrder): string | null =>
  order.order.user?.id ?? order.redemption?.userId ?? null;

/**
 * Checks 4 and 5 of Redeem, in the contract's order: another user than the bound one → user_mismatch; the same
 * redemption again (same proof) changes nothing; another one, or a canceled, expired or failed order, is refused.
 */
export function redeem(order: PlacedOrder, data: RedeemCommand['data']): OrderEvent[] {
  if (order.order.programId !== data.programId) throw notFound('order');
  const bound = boundUser(order);
  if (data.userId !== null && bound !== null && data.userId !== bound)
    throw new DomainError('user_mismatch', 'the order is bound to another user', [
      { field: 'user.id', message: 'not the user the order is bound to' },
    ]);
  if (order.redemption) {
    if (sameProof(order.redemption, data)) return [];
    throw refused('the order is already redeemed');
  }
  if (order.orderStatus === 'canceled' || order.orderStatus === 'expired' || order.orderStatus === 'failed')
    throw refused(`a ${order.orderStatus} order cannot be redeemed`);
  const { programId: _program, now, ...redemption } = data;
  return [{ type: 'OrderRedeemed', data: { orderId: order.order.orderId, ...redemption, redeemedAt: now } }];
}
