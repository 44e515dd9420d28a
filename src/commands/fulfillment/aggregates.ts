import { orderEvents } from '../../domain/fulfillment/orders/events.js';
import { orderDecider } from '../../domain/fulfillment/orders/order.js';
import { promotionEvents } from '../../domain/fulfillment/promotions/events.js';
import { promotionDecider } from '../../domain/fulfillment/promotions/promotion.js';
import { rewardEvents } from '../../domain/fulfillment/rewards/events.js';
import { rewardDecider } from '../../domain/fulfillment/rewards/reward.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { aggregate } from '../shared/aggregate.js';
import { cachedStreamStates } from '../shared/stream-states.js';
import { tokenEvents } from '../../domain/fulfillment/tokens/events.js';
import { tokenDecider } from '../../domain/fulfillment/tokens/token.js';
import { batched } from './batched.js';
import { orderStream, promotionStream, rewardStream, tokenStream } from './streams.js';

export const rewards = aggregate({ decider: rewardDecider, events: rewardEvents, stream: rewardStream });
export const promotions = aggregate({ decider: promotionDecider, events: promotionEvents, stream: promotionStream });
export const orders = aggregate({ decider: orderDecider, events: orderEvents, stream: orderStream });
/** Keyed `<promotion id>:<token digest>`. */
export const tokens = aggregate({ decider: tokenDecider, events: tokenEvents, stream: tokenStream });

/** Reservations race on one stream per promotion and per reward: a loser decides again, many times if need be. */
const RESERVATION_ATTEMPTS = 400;

/** Budget and stock reserved and released: the orders of one stream in this process are appended together. */
export const promotionReservations = batched({
  decider: promotionDecider,
  events: promotionEvents,
  stream: promotionStream,
  maxAttempts: RESERVATION_ATTEMPTS,
});
export const stockReservations = batched({
  decider: rewardDecider,
  events: rewardEvents,
  stream: rewardStream,
  maxAttempts: RESERVATION_ATTEMPTS,
});

/** The reward as this process last saw it, without reading its stream: it may be behind, or unknown. */
export const rememberedReward = (store: EventStore, sku: string) =>
  cachedStreamStates(store, rewardDecider, rewardEvents).remembered(rewardStream(sku))?.state;

/** The order as this process last saw it, without reading its stream: it may be behind, or unknown. */
export const rememberedOrder = (store: EventStore, orderId: string) =>
  cachedStreamStates(store, orderDecider, orderEvents).remembered(orderStream(orderId))?.state;

/** An aggregate's state as the store holds it now, reading only what this process has not folded yet. */
export const loadReward = (store: EventStore, sku: string) =>
  cachedStreamStates(store, rewardDecider, rewardEvents).load(rewardStream(sku));
export const loadPromotion = (store: EventStore, promotionId: string) =>
  cachedStreamStates(store, promotionDecider, promotionEvents).load(promotionStream(promotionId));
export const loadOrder = (store: EventStore, orderId: string) =>
  cachedStreamStates(store, orderDecider, orderEvents).load(orderStream(orderId));
