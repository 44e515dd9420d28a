import { randomBytes } from 'node:crypto';
import type { DeliveryMethod, OrderPlacedData } from '../../domain/fulfillment/orders/events.js';
import { orderDecider, type OrderState } from '../../domain/fulfillment/orders/order.js';
import { decidePlacements } from '../../domain/fulfillment/orders/placement.js';
import { invalid } from '../../domain/fulfillment/refusals.js';
import type { RewardState } from '../../domain/fulfillment/rewards/reward.js';
import { DomainError, notFound } from '../../domain/shared/errors.js';
import { sha256Hex } from '../../platform/crypto.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { isUuid } from '../../platform/uuid.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { loadOrder, orders } from './aggregates.js';
import { askProvider, fulfil } from './fulfil.js';
import { placeNewOrder } from './place-batch.js';
import { currentReward, loadPlacementStates } from './placement-states.js';
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
 * body 409. A new order is decided with the others of its promotion arriving meanwhile (budget, then a unit of the
 * reward when it holds units, then OrderPlaced with the codes of a `none` order) and written with them in one atomic
 * write that expects the order's stream not to exist: an order_id placed meanwhile by another request is replayed.
 */
export async function placeOrder(
  deps: FulfillmentDeps,
  input: PlaceOrderInput,
  context: CommandContext,
  /** Whether to place a new order at all, decided meanwhile by the caller (rejects with PlacementSkipped if not). */
  gate?: Promise<boolean>,
): Promise<PlaceOrderResult> {
  const programId = context.tenantId;
  const id = orderIdFor(programId, input.clientOrderId);
  // Where writes are atomic the new order's stream is not read first: its write expects none (and fails if it exists).
  const atomic = deps.store.appendAtomically !== undefined;
  const [existing, reward] = await Promise.all([
    atomic ? undefined : loadOrder(deps.store, id),
    currentReward(deps.store, input.sku).then((known) => known.state),
  ]);
  if (existing?.state.status === 'placed') return replayPlaced(deps, id, dataOf(deps, input, reward, context), context);
  if (reward.status === 'none') throw notFound('reward');
  const data = dataOf(deps, input, reward, context);
  if (!isUuid(input.promotionId)) throw notFound('promotion');
  try {
    return await placeNew(deps, data, context, gate);
  } catch (error) {
    // Refused as a new order, yet the order_id may name one placed already (a failed order to retry, another body).
    if (!(error instanceof DomainError) || (await loadOrder(deps.store, id)).state.status !== 'placed') throw error;
    return replayPlaced(deps, id, data, context);
  }
}

async function placeNew(
  deps: FulfillmentDeps,
  data: OrderPlacedData,
  context: CommandContext,
  gate: Promise<boolean> | undefined,
): Promise<PlaceOrderResult> {
  const id = data.orderId;
  await checkPlacement(deps.store, data);
  // A `none` order's codes are asked for once the order looks placeable, so that they are written with it (a
  // provider issues the same codes for the same order id; those of an order refused by a racer are never shown).
  const outcome = data.deliveryMethod === 'none' ? await askProvider(deps, data) : undefined;
  for (let attempt = 1; ; attempt++) {
    const placed = await placeNewOrder(
      deps.store,
      { data, expiresAfter: daysAfter(data.placedAt), ...(outcome && { outcome }) },
      context,
      attempt === 1 ? gate : undefined,
    );
    if (placed.placed) return { ...placed, id, created: true };
    const taken = await loadOrder(deps.store, id);
    if (taken.state.status === 'placed' || attempt >= 3) return replayPlaced(deps, id, data, context);
  }
}

const DAY_MS = 86_400_000;
const daysAfter = (iso: string) => (days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();

/** The order as this request would place it; the promotion's name and a link's expiry are set when it is decided. */
function dataOf(deps: FulfillmentDeps, input: PlaceOrderInput, reward: RewardState, context: CommandContext) {
  const email = input.user?.email ?? null;
  const value = valueOf(reward, input);
  const data: OrderPlacedData = {
    orderId: orderIdFor(context.tenantId, input.clientOrderId),
    programId: context.tenantId,
    clientOrderId: input.clientOrderId,
    promotionId: input.promotionId,
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
    placedAt: deps.clock.now().toISOString(),
    expiresAt: null,
    ...claimCode(deps, input.deliveryMethod),
  };
  return data;
}

/**
 * The order decided alone on what this process last saw of its promotion and reward, before the provider is asked:
 * a refusal there is checked on what the store holds, and thrown. The write decides it again with the others.
 */
async function checkPlacement(store: FulfillmentDeps['store'], data: OrderPlacedData): Promise<void> {
  for (const fresh of [false, true]) {
    const { states } = await loadPlacementStates(store, data.promotionId, [data.sku], fresh);
    const [decision] = decidePlacements(states, [{ data }]).decisions;
    if (decision?.placed) return;
    if (fresh && decision) throw decision.error;
  }
}

/** The order_id names an order placed already: another body is 409, the same body a replay. */
async function replayPlaced(
  deps: FulfillmentDeps,
  id: string,
  data: OrderPlacedData,
  context: CommandContext,
): Promise<PlaceOrderResult> {
  const existing = await loadOrder(deps.store, id);
  orderDecider.decide({ type: 'PlaceOrder', data }, existing.state);
  const current = { state: existing.state, version: existing.version, position: undefined, events: [] };
  return { ...(await replay(deps, id, current, context)), id, created: false };
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
