import { foldStream } from '../fold-stream.js';
import type { PlacedOrder } from '../../domain/fulfillment/orders/order.js';
import { orderDecider } from '../../domain/fulfillment/orders/order.js';
import type { AuthenticationSystem } from '../../domain/fulfillment/orders/redeem.js';
import type { CreatedPromotion } from '../../domain/fulfillment/promotions/promotion.js';
import { tokenEvents } from '../../domain/fulfillment/tokens/events.js';
import { invalidToken, tokenDecider } from '../../domain/fulfillment/tokens/token.js';
import { DomainError, notFound, refused } from '../../domain/shared/errors.js';
import type { CommandContext } from '../shared/command.js';
import { loadOrder, loadPromotion, orders, tokens } from './aggregates.js';
import { fulfil } from './fulfil.js';
import type { FulfillmentDeps } from './place-order.js';
import { tokenStream, uuidV5 } from './streams.js';
import { tokenDigest } from './tokens.js';

export interface Proof {
  readonly token: string | null;
  /** Asserted by program credentials only. */
  readonly userId: string | null;
}

export interface RedeemDeps extends FulfillmentDeps {
  /** Whether the user already redeemed an order of the promotion (its redeem_frequency single). */
  readonly redeemedBefore: (promotionId: string, userId: string) => Promise<boolean>;
}

const USER_ID = /^[A-Za-z0-9._:@+-]{1,100}$/;

/** Check 2: the proof given (token, else user id, else none) must be one of the promotion's authentication systems. */
export function proofSystem(promotion: CreatedPromotion, proof: Proof): AuthenticationSystem {
  const system = proof.token !== null ? 'token' : proof.userId !== null ? 'user_id' : 'none';
  if (!promotion.fields.authenticationSystems.includes(system))
    throw new DomainError('authentication_system_not_supported', `the promotion does not accept ${system}`, [
      { field: system === 'none' ? 'token' : system === 'token' ? 'token' : 'user.id', message: system },
    ]);
  return system;
}

/** Checks 2 to 4 of Redeem, reading only: a refusal stores nothing. */
export async function checkProof(deps: RedeemDeps, promotion: CreatedPromotion, proof: Proof) {
  const system = proofSystem(promotion, proof);
  const digest = proof.token === null ? null : tokenDigest(proof.token);
  if (digest !== null) {
    if (!(digest in promotion.tokens)) throw invalidToken('the promotion has no such token');
    const stream = tokenStream(`${promotion.promotionId}:${digest}`);
    const { state } = await foldStream(deps.store, tokenDecider, tokenEvents, stream);
    if (state.status !== 'available') throw invalidToken(`the token is ${state.status}`);
  }
  if (proof.userId !== null) {
    const { allowedUsers } = promotion;
    if (!USER_ID.test(proof.userId) || (allowedUsers.length > 0 && !allowedUsers.includes(proof.userId)))
      throw new DomainError('invalid_user', 'the user may not redeem this promotion', [
        { field: 'user.id', message: 'empty, malformed or not on the allow-list' },
      ]);
  }
  return { system, digest, hint: proof.token === null ? null : proof.token.slice(-4) };
}

/**
 * Redeems an order: the checks of the contract in its order, reading only; then the token is consumed on its own
 * stream (no_stream: of two racers one wins, the other is answered invalid_token), OrderRedeemed is appended, and a
 * link's codes are issued. The same redemption again (same proof) answers it as it is.
 */
export async function redeemOrder(deps: RedeemDeps, orderId: string, proof: Proof, context: CommandContext) {
  const now = deps.clock.now().toISOString();
  const loaded = await loadOrder(deps.store, orderId);
  if (loaded.state.status !== 'placed') throw notFound('order');
  const order: PlacedOrder = loaded.state;
  const promotionState = (await loadPromotion(deps.store, order.order.promotionId)).state;
  if (promotionState.status !== 'created') throw notFound('promotion');
  const { system, digest, hint } = await replayOrCheck(deps, order, promotionState, proof);
  const redemptionId = uuidV5(orderId, `redemption:${system}:${digest ?? ''}:${proof.userId ?? ''}`);
  const data = {
    programId: order.order.programId,
    redemptionId,
    userId: proof.userId,
    authenticationSystem: system,
    tokenDigest: digest,
    tokenHint: hint,
    now,
  };
  // Check 4 (user_mismatch) and 5 (state), decided without appending.
  const decided = orderDecider.decide({ type: 'RedeemOrder', data }, order);
  if (decided.length === 0) return { redemptionId: order.redemption?.redemptionId ?? redemptionId, created: false };
  if (proof.userId !== null && promotionState.fields.redeemFrequency === 'single')
    if (await deps.redeemedBefore(promotionState.promotionId, proof.userId))
      throw refused('the user already redeemed this promotion (redeem_frequency single)');
  const options = { store: deps.store, context };
  if (digest !== null) {
    const tokenData = { promotionId: promotionState.promotionId, tokenDigest: digest, orderId, redemptionId, now };
    await tokens.handle(`${promotionState.promotionId}:${digest}`, { type: 'RedeemToken', data: tokenData }, options);
  }
  const redeemed = await orders.handle(orderId, { type: 'RedeemOrder', data }, options);
  const fulfilled = await fulfil(deps, orderId, redeemed, context);
  return { redemptionId, created: true, position: fulfilled.position ?? redeemed.position };
}

/** An order redeemed already with the same proof skips the token check (its token is consumed by that redemption). */
async function replayOrCheck(deps: RedeemDeps, order: PlacedOrder, promotion: CreatedPromotion, proof: Proof) {
  const previous = order.redemption;
  if (
    previous &&
    proof.token !== null &&
    previous.tokenDigest === tokenDigest(proof.token) &&
    previous.userId === proof.userId
  )
    return { system: previous.authenticationSystem, digest: previous.tokenDigest, hint: previous.tokenHint };
  return checkProof(deps, promotion, proof);
}
