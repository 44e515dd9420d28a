import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { DomainError, notFound, refused, type ErrorDetail } from '../../shared/errors.js';
import type { OrderEvent, OrderPlacedData, OrderStatus } from './events.js';
import { redeem, type RedeemCommand, type Redemption } from './redeem.js';
import { firstMail, nextSend, recordMailAttempt, resend, type MailCommand, type MailState } from './mail.js';

export type OrderState = NoneOr<{
  readonly status: 'placed';
  readonly order: OrderPlacedData;
  readonly orderStatus: OrderStatus;
  readonly codesSealed: string | null;
  readonly failureReason: string | null;
  readonly deliveredAt: string | null;
  readonly updatedAt: string;
  /** Email orders: the mail under way or done. */
  readonly mail: MailState | null;
  readonly redemption: Redemption | null;
}>;
export type PlacedOrder = Extract<OrderState, { status: 'placed' }>;

export type OrderCommand =
  | {
      readonly type: 'PlaceOrder';
      readonly data: OrderPlacedData;
      /** What the provider answered already: the new order's codes (or failure) go in the same append. */
      readonly outcome?: IssueCodes | FailOrder;
    }
  | IssueCodes
  | FailOrder
  | { readonly type: 'RetryOrder'; readonly data: { readonly now: string } }
  | { readonly type: 'CancelOrder'; readonly data: { readonly programId: string; readonly now: string } }
  | { readonly type: 'ExpireOrder'; readonly data: { readonly now: string } }
  | MailCommand
  | RedeemCommand;

type IssueCodes = {
  readonly type: 'IssueCodes';
  readonly data: { readonly codesSealed: string; readonly now: string };
};
type FailOrder = { readonly type: 'FailOrder'; readonly data: { readonly reason: string; readonly now: string } };

/** The leaves of a create request that make it "the same body", by the contract's dotted paths. */
function requestLeaves(order: OrderPlacedData): Record<string, string | number | null> {
  return {
    promotion_id: order.promotionId,
    'reward.sku': order.sku,
    'reward.value.amount': order.value,
    'reward.value.currency': order.currency,
    'user.id': order.user?.id ?? null,
    'user.email': order.user?.emailDigest ?? null,
    'user.first_name': order.user?.firstName ?? null,
    'user.last_name': order.user?.lastName ?? null,
    'delivery.method': order.deliveryMethod,
  };
}

/** One detail per leaf where the request differs from the order placed under the same order_id. */
export function differences(placed: OrderPlacedData, requested: OrderPlacedData): ErrorDetail[] {
  const before = requestLeaves(placed);
  const after = requestLeaves(requested);
  return Object.keys(before)
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, message: 'differs from the order already placed with this order_id' }));
}

const initialStatus = (order: OrderPlacedData): OrderStatus =>
  order.deliveryMethod === 'link' ? 'pending' : 'processing';

/** What an order's mail came to once the order is delivered or has failed. */
const MAIL_OUTCOME = { delivered: 'sent', failed: 'failed' } as const;

/** Delivered or failed, the order is settled and so is its mail: no further try is due. */
function settle(state: PlacedOrder, orderStatus: keyof typeof MAIL_OUTCOME, at: string): PlacedOrder {
  const mail = state.mail && { ...state.mail, status: MAIL_OUTCOME[orderStatus], retryAt: null };
  return { ...state, orderStatus, updatedAt: at, mail };
}

const evolve = evolveFromNone<PlacedOrder, OrderEvent, 'OrderPlaced'>(
  'OrderPlaced',
  (order) => ({
    status: 'placed',
    order,
    orderStatus: initialStatus(order),
    codesSealed: null,
    failureReason: null,
    deliveredAt: null,
    updatedAt: order.placedAt,
    mail: firstMail(order),
    redemption: null,
  }),
  {
    OrderCodeIssued: (state, { codesSealed, issuedAt }) => ({ ...state, codesSealed, updatedAt: issuedAt }),
    OrderDelivered: (state, { deliveredAt }) => ({ ...settle(state, 'delivered', deliveredAt), deliveredAt }),
    OrderFailed: (state, { failedAt, reason }) => ({ ...settle(state, 'failed', failedAt), failureReason: reason }),
    OrderFulfilmentRetried: (state, { retriedAt }) => ({
      ...state,
      orderStatus: 'processing',
      failureReason: null,
      updatedAt: retriedAt,
      mail: nextSend(state.mail, retriedAt),
    }),
    OrderMailAttemptFailed: (state, { attempt, retryAt, failedAt }) => {
      const status = retryAt === null ? 'failed' : 'pending';
      return {
        ...state,
        updatedAt: failedAt,
        mail: state.mail && { ...state.mail, attempts: attempt, status, retryAt },
      };
    },
    OrderRedeemed: (state, { orderId: _order, ...redemption }) => {
      // A link's code is issued once it is claimed; an order delivered already stays so.
      const orderStatus = state.orderStatus === 'pending' ? 'processing' : state.orderStatus;
      return { ...state, orderStatus, redemption, updatedAt: redemption.redeemedAt };
    },
    OrderDeliveryResent: (state, { resentAt, emailSealed }) => {
      const retried = state.orderStatus === 'failed';
      return {
        ...state,
        orderStatus: retried ? 'processing' : state.orderStatus,
        failureReason: retried ? null : state.failureReason,
        updatedAt: resentAt,
        mail: nextSend(state.mail, resentAt, emailSealed),
      };
    },
    OrderCanceled: (state, { canceledAt }) => ({ ...state, orderStatus: 'canceled', updatedAt: canceledAt }),
    OrderExpired: (state, { expiredAt }) => ({ ...state, orderStatus: 'expired', updatedAt: expiredAt }),
  },
);

const placed = (state: OrderState): PlacedOrder => {
  if (state.status === 'none') throw notFound('order');
  return state;
};

function place(state: OrderState, data: OrderPlacedData): OrderEvent[] {
  if (state.status === 'none') return [{ type: 'OrderPlaced', data }];
  const details = differences(state.order, data);
  if (state.order.programId !== data.programId) throw new DomainError('conflict', 'this order id is taken');
  if (details.length > 0)
    throw new DomainError(
      'conflict_uniqueness',
      `order_id ${data.clientOrderId} names order ${state.order.orderId}, placed with another body`,
      [...details, { field: 'id', message: state.order.orderId }],
    );
  return [];
}

function decide(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'PlaceOrder': {
      const placedNow = place(state, command.data);
      if (placedNow.length === 0 || !command.outcome) return placedNow;
      const after = placedNow.reduce(evolve, state);
      return [...placedNow, ...decide(command.outcome, after)];
    }
    case 'IssueCodes': {
      const order = placed(state);
      if (order.orderStatus !== 'processing' || order.codesSealed !== null) return [];
      const { orderId } = order.order;
      const { codesSealed, now } = command.data;
      const issued: OrderEvent = { type: 'OrderCodeIssued', data: { orderId, codesSealed, issuedAt: now } };
      // A `none` order is delivered in the answer; an email one once its mail is accepted.
      if (order.mail) return [issued];
      return [issued, { type: 'OrderDelivered', data: { orderId, deliveredAt: now } }];
    }
    case 'FailOrder': {
      const order = placed(state);
      if (order.orderStatus !== 'processing') return [];
      return [
        {
          type: 'OrderFailed',
          data: { orderId: order.order.orderId, reason: command.data.reason, failedAt: command.data.now },
        },
      ];
    }
    case 'RetryOrder': {
      const order = placed(state);
      if (order.orderStatus !== 'failed') return [];
      return [{ type: 'OrderFulfilmentRetried', data: { orderId: order.order.orderId, retriedAt: command.data.now } }];
    }
    case 'CancelOrder': {
      const order = placed(state);
      if (order.order.programId !== command.data.programId) throw notFound('order');
      if (order.orderStatus !== 'pending' && order.orderStatus !== 'failed')
        throw refused(`a ${order.orderStatus} order cannot be canceled; only pending or failed ones`);
      return [{ type: 'OrderCanceled', data: { orderId: order.order.orderId, canceledAt: command.data.now } }];
    }
    case 'ExpireOrder': {
      const order = placed(state);
      const { expiresAt, orderId } = order.order;
      if (order.orderStatus !== 'pending' || expiresAt === null || command.data.now < expiresAt) return [];
      return [{ type: 'OrderExpired', data: { orderId, expiredAt: command.data.now } }];
    }
    case 'RecordMailAttempt':
      return recordMailAttempt(placed(state), command.data);
    case 'ResendOrder':
      return resend(placed(state), command.data);
    case 'RedeemOrder':
      return redeem(placed(state), command.data);
  }
}

export const orderDecider: Decider<OrderState, OrderCommand, OrderEvent> = deciderFromNone(evolve, decide);
