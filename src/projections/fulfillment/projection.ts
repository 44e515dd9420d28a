import type { Knex } from 'knex';
import { orderEvents } from '../../domain/fulfillment/orders/events.js';
import { promotionEvents } from '../../domain/fulfillment/promotions/events.js';
import { rewardEvents } from '../../domain/fulfillment/rewards/events.js';
import { tokenEvents } from '../../domain/fulfillment/tokens/events.js';
import { parseEvent } from '../../domain/shared/events.js';
import type { RecordedEvent } from '../../platform/eventstore/types.js';
import type { Projection } from '../projection.js';
import { typesOf } from '../shared/handlers.js';
import { applyOrder } from './orders/apply.js';
import { applyPromotion } from './promotions/apply.js';
import { applyReward } from './rewards/apply.js';
import { applyToken } from './tokens-apply.js';
import { applyInRuns } from './batch.js';

/*
 * The catalogue, promotions and orders in one projection: a delivered order moves its promotion's budget from
 * reserved to spent, so both are applied in the log's order. Each row's version makes a replayed event change nothing.
 */

export const FULFILLMENT_PROJECTION = 'fulfillment';

export const fulfillmentProjection: Projection = {
  name: FULFILLMENT_PROJECTION,
  version: 1,
  eventTypes: typesOf(rewardEvents, promotionEvents, orderEvents, tokenEvents),
  tables: [
    'rm_fulfillment_orders',
    'rm_fulfillment_promotions',
    'rm_fulfillment_rewards',
    'rm_fulfillment_tokens',
    'rm_fulfillment_promotion_users',
    'rm_fulfillment_redemptions',
    'rm_fulfillment_reservations',
  ],
  async applyBatch(trx: Knex.Transaction, events: readonly RecordedEvent[]) {
    await applyInRuns(trx, events, (event) => fulfillmentProjection.apply(trx, event));
  },
  async apply(trx: Knex.Transaction, event: RecordedEvent) {
    const reward = parseEvent(rewardEvents, event.type, event.data);
    if (reward) return applyReward(trx, reward, event);
    const promotion = parseEvent(promotionEvents, event.type, event.data);
    if (promotion) return applyPromotion(trx, promotion, event);
    const order = parseEvent(orderEvents, event.type, event.data);
    if (order) return applyOrder(trx, order, event);
    const token = parseEvent(tokenEvents, event.type, event.data);
    if (token) return applyToken(trx, token);
  },
};
