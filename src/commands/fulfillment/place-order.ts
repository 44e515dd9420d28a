import { randomBytes } from 'node:crypto';
import type { DeliveryMethod, OrderPlacedData } from '../../domain/fulfillment/orders/events.js';
import { orderDecider, type OrderState } from '../../domain/fulfillment/orders/order.js';
import { ownPromotion, type CreatedPromotion } from '../../domain/fulfillment/promotions/promotion.js';
import { invalid } from '../../domain/fulfillment/refusals.js';
import type { RewardState } from '../../domain/fulfillment/rewards/reward.js';
import { notFound } from '../../domain/shared/errors.js';
import { sha256Hex } from '../../platform/crypto.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { isUuid } from '../../platform/uuid.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { loadOrder, loadReward, orders, promotionReservations, stockReservations } from './aggregates.js';
import { askProvider, fulfil } from './fulfil.js';
import type { RewardProvider } from './provider.js';
import { orderIdFor } from './streams.js';

export interface FulfillmentDeps extends CommandDeps {
  /** Seals codes and emails (FULFILLMENT_DATA_KEY): they are never in clear in events or read models. */
  readonly box: SecretBox;
  readonly provider: RewardProvider;
}

export interface PlaceOrderInput {
  readonly clientOrderId: string;
  readonly promotionId: string;
  readonly sku: string;
  /** Minor units; null: the fixed reward's face value. */
  readonly value: { readonly amount: number; readonly currency: string } | null;
  readonly user: {
    readonly id: string | null;
    readonly email: string | null;
    readonly firstName: string | null;
    readonly lastName: string | null;
  } | null;
  readonly deliveryMethod: DeliveryMethod;
}

export interface PlaceOrderResult extends CommandResult<OrderState> {
  readonly id: string;
  /** false: the order_id named an order already placed with the same body (a replay). */
  readonly created: boolean;
}

const DAY_MS = 86_400_000;

/** A link order's claim code: random, found by its digest, kept sealed (it is shown only inside redemption_url). */
function claimCode(deps: FulfillmentDeps, method: DeliveryMethod) {
  if (method !== 'link') return { claimCodeDigest: null, claimCodeSealed: null };
  const code = randomBytes(12).toString('base64url');
  return { claimCodeDigest: sha256Hex(code), claimCodeSealed: deps.box.seal(code) };
}

/** The value the order is for: a fixed reward's face value, a variable one's amount within its range. */
function valueOf(reward: RewardState, input: PlaceOrderInput): { amount: number; currency: string } {
  if (reward.status === 'none') return { amount: input.value?.amount ?? -1, currency: input.value?.currency ?? '' };
  const { fields } = reward;
  if (input.value && input.value.currency !== fields.currency)
    throw invalid('reward.value.currency', `the reward is in ${fields.currency}`);
  if (fields.denominationType === 'fixed') {
    if (input.value && input.value.amount !== fields.faceValue)
      throw invalid('reward.value.amount', 'a fixed reward is ordered at its face_value');
    return { amount: fields.faceValue ?? 0, currency: fields.currency };
  }
  if (!input.value) throw invalid('reward.value', 'a variable reward needs a value');
  if (input.value.amount < (fields.minValue ?? 0) || input.value.amount > (fields.maxValue ?? 0))
    throw invalid('reward.value.amount', 'outside the reward’s min_value and max_value');
  return { amount: input.value.amount, currency: fields.currency };
}

/**
 * Places an order once per (program, order_id): a replay answers the order as it is (a failed one is retried), another
 * body 409. Otherwise the budget is reserved on the promotion's stream, then a unit on the reward's, both keyed by the
 * order and decided again on a conflict; then OrderPlaced is appended with no_stream, and a `none` order is fulfilled.
 */
export async function placeOrder(
  deps: FulfillmentDeps,
  input: PlaceOrderInput,
  context: CommandContext,
): Promise<PlaceOrderResult> {
  const programId = context.tenantId;
  const id = orderIdFor(programId, input.clientOrderId);
  const now = deps.clock.now().toISOString();
  const [existing, { state: reward }] = await Promise.all([
    loadOrder(deps.store, id),
    loadReward(deps.store, input.sku),
  ]);
  if (existing.state.status === 'none' && reward.status === 'none') throw notFound('reward');
  const value = valueOf(reward, input);
  const email = input.user?.email ?? null;
  const data: OrderPlacedData = {
    orderId: id,
    programId,
    clientOrderId: input.clientOrderId,
    promotionId: input.promotionId,
    // The promotion's, once its budget is reserved (a replay compares bodies only, not these).
    promotionName: '',
    sku: input.sku,
    rewardName: reward.status === 'listed' ? reward.fields.name : '',
    provider: reward.status === 'listed' ? reward.fields.provider : { id: '', name: '' },
    value: value.amount,
    currency: value.currency,
    user: input.user && {
      id: input.user.id,
      emailDigest: email === null ? null : sha256Hex(email.toLowerCase()),
      emailSealed: email === null ? null : deps.box.seal(email),
      firstName: input.user.firstName,
      lastName: input.user.lastName,
    },
    deliveryMethod: input.deliveryMethod,
    testing: reward.status === 'listed' && reward.fields.provider.id === 'sandbox',
    placedAt: now,
    expiresAt: null,
    ...claimCode(deps, input.deliveryMethod),
  };
  if (existing.state.status === 'placed') {
    orderDecider.decide({ type: 'PlaceOrder', data }, existing.state);
    const current = { state: existing.state, version: existing.version, position: undefined, events: [] };
    return { ...(await replay(deps, id, current, context)), id, created: false };
  }
  if (!isUuid(input.promotionId)) throw notFound('promotion');
  const promotion = await reserve(deps, data, context, reward);
  Object.assign(data, {
    promotionName: promotion.fields.name,
    expiresAt:
      input.deliveryMethod === 'link'
        ? new Date(Date.parse(now) + promotion.fields.linkTtlDays * DAY_MS).toISOString()
        : null,
  });
  // A `none` order's codes are asked for first, so that they are appended with the order (a provider issues the same
  // codes for the same order id, should this order turn out to be placed by another request meanwhile).
  const outcome = input.deliveryMethod === 'none' ? await askProvider(deps, data) : undefined;
  const command = { type: 'PlaceOrder', data, ...(outcome && { outcome }) } as const;
  const placed = await orders.handle(id, command, { store: deps.store, context });
  // Another request placed the same order between our read and our append: it is theirs to answer 201.
  if (placed.events.length === 0) return { ...(await replay(deps, id, placed, context)), id, created: false };
  return { ...placed, id, created: true };
}

/**
 * Budget first, then stock; a refused unit gives the budget back, so nothing is left reserved. A reward that is not
 * stock-managed (stock_quantity null) and enabled holds no unit: its stream, shared by every program, is not appended
 * to for each order (a status change racing the order is read from the reward's last known state).
 */
async function reserve(
  deps: FulfillmentDeps,
  data: OrderPlacedData,
  context: CommandContext,
  reward: RewardState,
): Promise<CreatedPromotion> {
  const { orderId, sku, promotionId, programId, currency } = data;
  const reservation = { programId, orderId, sku, amount: data.value, currency, now: data.placedAt };
  const reserved = await promotionReservations.handle(
    deps.store,
    promotionId,
    { type: 'ReserveBudget', data: reservation },
    context,
  );
  const promotion = ownPromotion(reserved.state, programId);
  if (reward.status === 'listed' && reward.stock === null && reward.rewardStatus === 'enabled') return promotion;
  try {
    await stockReservations.handle(deps.store, sku, { type: 'ReserveStock', data: { orderId } }, context);
  } catch (error) {
    await promotionReservations.handle(deps.store, promotionId, { type: 'ReleaseBudget', data: { orderId } }, context);
    throw error;
  }
  return promotion;
}

/** The same body again: a failed order is retried, a processing `none` one asked again; anything else is as it is. */
async function replay(
  deps: FulfillmentDeps,
  id: string,
  current: CommandResult<OrderState>,
  context: CommandContext,
): Promise<CommandResult<OrderState>> {
  if (current.state.status !== 'placed') return current;
  const { orderStatus } = current.state;
  if (orderStatus === 'failed') {
    const now = deps.clock.now().toISOString();
    const retried = await orders.handle(id, { type: 'RetryOrder', data: { now } }, { store: deps.store, context });
    return fulfil(deps, id, retried, context);
  }
  return orderStatus === 'processing' ? fulfil(deps, id, current, context) : current;
}
