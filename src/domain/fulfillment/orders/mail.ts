import { notFound, refused } from '../../shared/errors.js';
import type { OrderEvent, OrderPlacedData } from './events.js';
import type { PlacedOrder } from './order.js';

/** An email order's mail: which send it is (1, then one per resend or retry), its tries so far, and its outcome. */
export interface MailState {
  readonly send: number;
  readonly attempts: number;
  readonly status: 'pending' | 'sent' | 'failed';
  /** When the next try is due (pending only). */
  readonly retryAt: string | null;
  readonly emailSealed: string | null;
}

export type MailCommand =
  | {
      readonly type: 'RecordMailAttempt';
      readonly data: {
        readonly send: number;
        readonly attempt: number;
        /** null: the mailer accepted it; else why it failed. */
        readonly failure: string | null;
        /** When to try again; null: that was the last try. */
        readonly retryAt: string | null;
        readonly now: string;
      };
    }
  | {
      readonly type: 'ResendOrder';
      readonly data: {
        readonly programId: string;
        readonly emailDigest: string | null;
        readonly emailSealed: string | null;
        readonly now: string;
      };
    };

export const firstMail = (order: OrderPlacedData): MailState | null =>
  order.deliveryMethod === 'email'
    ? { send: 1, attempts: 0, status: 'pending', retryAt: order.placedAt, emailSealed: order.user?.emailSealed ?? null }
    : null;

/** A new send of the same mail (resend, or a failed order retried): tries count again from 0, due at once. */
export const nextSend = (mail: MailState | null, at: string, emailSealed: string | null = null): MailState | null =>
  mail && {
    send: mail.send + 1,
    attempts: 0,
    status: 'pending',
    retryAt: at,
    emailSealed: emailSealed ?? mail.emailSealed,
  };

/** The outcome of one try of the mail under way; a try of another send, or one already recorded, changes nothing. */
export function recordMailAttempt(
  order: PlacedOrder,
  data: Extract<MailCommand, { type: 'RecordMailAttempt' }>['data'],
): OrderEvent[] {
  const { mail } = order;
  const { orderId } = order.order;
  if (!mail || mail.status !== 'pending' || mail.send !== data.send || mail.attempts + 1 !== data.attempt) return [];
  if (data.failure === null) return [{ type: 'OrderDelivered', data: { orderId, deliveredAt: data.now } }];
  const { send, attempt, retryAt, now } = data;
  const events: OrderEvent[] = [
    {
      type: 'OrderMailAttemptFailed',
      data: { orderId, send, attempt, reason: data.failure, failedAt: now, retryAt },
    },
  ];
  if (data.retryAt === null && order.orderStatus === 'processing')
    events.push({ type: 'OrderFailed', data: { orderId, reason: data.failure, failedAt: data.now } });
  return events;
}

/** Email orders only, neither canceled nor expired: mailed again, to the corrected address when one is given. */
export function resend(order: PlacedOrder, data: Extract<MailCommand, { type: 'ResendOrder' }>['data']): OrderEvent[] {
  if (order.order.programId !== data.programId) throw notFound('order');
  if (!order.mail) throw refused(`a ${order.order.deliveryMethod} order is not mailed: only email orders are resent`);
  if (order.orderStatus === 'canceled' || order.orderStatus === 'expired')
    throw refused(`a ${order.orderStatus} order is not resent`);
  const { orderId } = order.order;
  const { emailDigest, emailSealed, now } = data;
  return [
    {
      type: 'OrderDeliveryResent',
      data: { orderId, send: order.mail.send + 1, emailDigest, emailSealed, resentAt: now },
    },
  ];
}
