import { ownPromotion, promotionDecider, type PromotionState } from '../promotions/promotion.js';
import type { PromotionEvent } from '../promotions/events.js';
import { rewardDecider, type RewardState } from '../rewards/reward.js';
import type { RewardEvent } from '../rewards/events.js';
import type { OrderEvent, OrderPlacedData } from './events.js';
import { orderDecider, type OrderCommand, type PlacedOrder } from './order.js';

/** A new order to place: its data (the promotion's name and a link's expiry are filled here), and the codes asked. */
export interface Placement {
  readonly data: OrderPlacedData;
  readonly outcome?: Extract<OrderCommand, { type: 'IssueCodes' | 'FailOrder' }>;
  /** A link order's expiry, `days` (the promotion's link_ttl_days) after it is placed (the clock stays out). */
  readonly expiresAfter?: (days: number) => string;
}

/** The streams orders of one promotion are decided on: the promotion's budget, and each reward's stock. */
export interface PlacementStates {
  readonly promotion: PromotionState;
  readonly rewards: ReadonlyMap<string, RewardState>;
}

export type PlacementDecision =
  | {
      readonly placed: true;
      readonly promotion: readonly PromotionEvent[];
      /** Empty when the reward holds no unit for orders (not stock-managed and enabled). */
      readonly reward: readonly RewardEvent[];
      readonly order: readonly OrderEvent[];
      readonly state: PlacedOrder;
    }
  | { readonly placed: false; readonly error: unknown };

/**
 * A reward that is not stock-managed (stock_quantity null) and enabled holds no unit: its stream, shared by every
 * program, is not appended to for each order.
 */
export const holdsUnits = (reward: RewardState | undefined): boolean =>
  !(reward?.status === 'listed' && reward.stock === null && reward.rewardStatus === 'enabled');

function placeOne(states: PlacementStates, placement: Placement) {
  const { orderId, sku, programId, currency, placedAt: now } = placement.data;
  const reservation = { programId, orderId, sku, amount: placement.data.value, currency, now };
  const promotion = promotionDecider.decide({ type: 'ReserveBudget', data: reservation }, states.promotion);
  const own = ownPromotion(promotion.reduce(promotionDecider.evolve, states.promotion), programId);
  const rewardState = states.rewards.get(sku) ?? rewardDecider.initialState();
  const reward = holdsUnits(rewardState)
    ? rewardDecider.decide({ type: 'ReserveStock', data: { orderId } }, rewardState)
    : [];
  const expiresAt =
    placement.data.deliveryMethod === 'link' ? (placement.expiresAfter?.(own.fields.linkTtlDays) ?? null) : null;
  const data = { ...placement.data, promotionName: own.fields.name, expiresAt };
  const order = orderDecider.decide(
    { type: 'PlaceOrder', data, ...(placement.outcome && { outcome: placement.outcome }) },
    orderDecider.initialState(),
  );
  const state = order.reduce(orderDecider.evolve, orderDecider.initialState());
  if (state.status !== 'placed') throw new Error(`order ${orderId} was not placed by its own events`);
  return {
    promotion,
    reward,
    order,
    state,
    after: { promotion: own, reward: reward.reduce(rewardDecider.evolve, rewardState) },
  };
}

/**
 * New orders of one promotion decided one after another, as if each were placed alone in that order: budget first,
 * then a unit of the reward when it holds units, then OrderPlaced (with the codes already asked, if any). A refused
 * order decides nothing and leaves the states as they were for the next. Each reservation is keyed by the order, so a
 * reservation already held (a request that died before its order was written) is used again, not taken twice.
 */
export function decidePlacements(
  start: PlacementStates,
  placements: readonly Placement[],
): { readonly decisions: PlacementDecision[]; readonly after: PlacementStates } {
  let promotion = start.promotion;
  const rewards = new Map(start.rewards);
  const decisions = placements.map((placement): PlacementDecision => {
    try {
      const one = placeOne({ promotion, rewards }, placement);
      promotion = one.after.promotion;
      rewards.set(placement.data.sku, one.after.reward);
      return { placed: true, promotion: one.promotion, reward: one.reward, order: one.order, state: one.state };
    } catch (error) {
      return { placed: false, error };
    }
  });
  return { decisions, after: { promotion, rewards } };
}
