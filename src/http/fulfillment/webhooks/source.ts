import { foldEvents, foldStream } from '../../../commands/fold-stream.js';
import { orderEvents } from '../../../domain/fulfillment/orders/events.js';
import { orderDecider } from '../../../domain/fulfillment/orders/order.js';
import { promotionEvents } from '../../../domain/fulfillment/promotions/events.js';
import { promotionDecider } from '../../../domain/fulfillment/promotions/promotion.js';
import type { WebhookEventName } from '../../../domain/webhooks/event-names.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import type { PromotionRow } from '../../../projections/fulfillment/promotions/queries.js';
import { stockOf } from '../../../projections/fulfillment/rewards/queries.js';
import type { WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';
import { envelope } from '../../giving/envelope.js';
import { loadDataBox } from '../../../commands/fulfillment/data-box.js';
import { presentOrder } from '../orders/present.js';
import { orderRowOf } from '../orders/row-of-state.js';
import { presentPromotion } from '../promotions/present.js';
import { presentRedemption } from '../redemptions/present.js';

/*
 * order.* and promotion.*: `data` is the resource as the API shows it at that event, folded from its stream up to the
 * event's revision, never with its codes or redemption URL. A promotion's budget figures are not in its stream's
 * decided state split by reserved and spent: they are read from the read model as it stands when the event is sent.
 */

const ORDER_NAMES: Record<string, WebhookEventName> = {
  OrderPlaced: 'order.created',
  OrderDelivered: 'order.delivered',
  OrderFailed: 'order.failed',
  OrderCanceled: 'order.canceled',
  OrderExpired: 'order.expired',
};

const PROMOTION_NAMES: Record<string, WebhookEventName> = {
  PromotionCreated: 'promotion.created',
  PromotionUpdated: 'promotion.updated',
  PromotionStatusChanged: 'promotion.updated',
};

/** The data key never changes once stored, so it is read once per event store (one store, one database). */
const dataBoxes = new WeakMap<object, ReturnType<typeof loadDataBox>>();
function dataBoxOf(ctx: WebhookSourceContext): ReturnType<typeof loadDataBox> {
  let box = dataBoxes.get(ctx.store);
  if (!box) {
    box = loadDataBox(ctx.trx);
    dataBoxes.set(ctx.store, box);
    box.catch(() => dataBoxes.delete(ctx.store));
  }
  return box;
}

/** An order as a webhook shows it: the recipient's email opened, the codes and the redemption URL left out. */
async function webhookOrder(event: RecordedEvent, ctx: WebhookSourceContext) {
  const { state } = await foldStream(ctx.store, orderDecider, orderEvents, event.streamName, event.revision);
  if (state.status === 'none') return undefined;
  const row = { ...orderRowOf(state, event.revision), codes_sealed: null, claim_code_sealed: null };
  const shown = presentOrder(row, await dataBoxOf(ctx));
  const { reward_codes: _codes, delivery, ...order } = shown;
  const { redemption_url: _url, ...withoutUrl } = delivery;
  return { ...order, delivery: withoutUrl };
}

async function webhookPromotion(event: RecordedEvent, ctx: WebhookSourceContext) {
  const recorded = await ctx.store.readStream(event.streamName);
  const initial = promotionDecider.initialState();
  const { state } = foldEvents(promotionDecider, promotionEvents, initial, recorded, event.revision);
  if (state.status === 'none') return undefined;
  const budget = await ctx
    .trx('rm_fulfillment_promotions')
    .where({ id: state.promotionId })
    .first<{ budget_reserved: string; budget_spent: string } | undefined>('budget_reserved', 'budget_spent');
  const { fields } = state;
  const row: PromotionRow = {
    id: state.promotionId,
    program_id: state.programId,
    name: fields.name,
    start_datetime: new Date(fields.startDatetime),
    end_datetime: new Date(fields.endDatetime),
    status: state.promotionStatus,
    rewards: fields.rewards,
    authentication_systems: fields.authenticationSystems,
    redeem_frequency: fields.redeemFrequency,
    budget: String(fields.budget),
    currency: fields.currency,
    link_ttl_days: fields.linkTtlDays,
    redemption_url_template: fields.redemptionUrlTemplate,
    budget_reserved: budget?.budget_reserved ?? String(state.heldTotal),
    budget_spent: budget?.budget_spent ?? '0',
    created_at: new Date(
      promotionEvents.PromotionCreated.safeParse(recorded[0]?.data).data?.createdAt ?? event.createdAt,
    ),
    updated_at: event.createdAt,
    version: event.revision.toString(),
  };
  const stock = await stockOf(
    ctx.trx,
    fields.rewards.map((offer) => offer.sku),
  );
  return presentPromotion(row, event.createdAt, stock);
}

/** One message per event `names` maps, named so, carrying the resource `shown` folds (none while it has none). */
function resourceSource(
  names: Record<string, WebhookEventName>,
  shown: (event: RecordedEvent, ctx: WebhookSourceContext) => Promise<object | undefined>,
): WebhookSource {
  return {
    eventTypes: Object.keys(names),
    names: [...new Set(Object.values(names))],
    async messages(event, ctx) {
      const name = names[event.type];
      const data = name ? await shown(event, ctx) : undefined;
      return name && data ? [envelope(event, name, data)] : [];
    },
  };
}

export const ordersWebhookSource = resourceSource(ORDER_NAMES, webhookOrder);

/** redemption.created: the redemption as the API shows it, without the order's codes. */
export const redemptionsWebhookSource: WebhookSource = {
  eventTypes: ['OrderRedeemed'],
  names: ['redemption.created'],
  async messages(event, ctx) {
    const { state } = await foldStream(ctx.store, orderDecider, orderEvents, event.streamName, event.revision);
    if (state.status !== 'placed' || !state.redemption) return [];
    const { order, redemption } = state;
    const { reward_codes: _codes, ...data } = presentRedemption({
      id: redemption.redemptionId,
      program_id: order.programId,
      order_uuid: order.orderId,
      client_order_id: order.clientOrderId,
      promotion_id: order.promotionId,
      sku: order.sku,
      reward_name: order.rewardName,
      value: String(order.value),
      currency: order.currency,
      user_id: redemption.userId,
      authentication_system: redemption.authenticationSystem,
      token_hint: redemption.tokenHint,
      codes_sealed: null,
      redeemed_at: new Date(redemption.redeemedAt),
      version: String(event.revision),
    });
    return [envelope(event, 'redemption.created', data)];
  },
};

export const promotionsWebhookSource = resourceSource(PROMOTION_NAMES, webhookPromotion);
