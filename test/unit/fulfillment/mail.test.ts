import { describe, it } from 'vitest';
import { orderDecider } from '../../../src/domain/fulfillment/orders/order.js';
import { spec } from '../../support/decider.js';
import { PROGRAM, placedData, T0 } from './fixtures.js';

const { given } = spec(orderDecider);
const T1 = '2026-11-22T10:01:00.000Z';
const user = { id: null, emailDigest: 'digest', emailSealed: 'sealed-email', firstName: null, lastName: null };
const data = placedData({ deliveryMethod: 'email', user });
const ID = data.orderId;
const placed = { type: 'OrderPlaced', data } as const;
const issued = { type: 'OrderCodeIssued', data: { orderId: ID, codesSealed: 'sealed', issuedAt: T0 } } as const;
const delivered = { type: 'OrderDelivered', data: { orderId: ID, deliveredAt: T0 } } as const;
const attempt = (n: number, failure: string | null, retryAt: string | null, send = 1) =>
  ({ type: 'RecordMailAttempt', data: { send, attempt: n, failure, retryAt, now: T0 } }) as const;
const bounced = (n: number, retryAt: string | null, send = 1) =>
  ({
    type: 'OrderMailAttemptFailed',
    data: { orderId: ID, send, attempt: n, reason: 'bounced', failedAt: T0, retryAt },
  }) as const;
const resent = (send: number, emailSealed: string | null = null) =>
  ({
    type: 'OrderDeliveryResent',
    data: { orderId: ID, send, emailDigest: emailSealed && 'new-digest', emailSealed, resentAt: T1 },
  }) as const;
const resend = (programId = PROGRAM, email: string | null = null) =>
  ({
    type: 'ResendOrder',
    data: { programId, emailDigest: email && 'new-digest', emailSealed: email, now: T1 },
  }) as const;

describe('an email order’s mail', () => {
  it('when its codes are issued, then it is not delivered until the mail is accepted', () => {
    given([placed])
      .when({ type: 'IssueCodes', data: { codesSealed: 'sealed', now: T0 } })
      .then([issued]);
    given([placed, issued])
      .when(attempt(1, null, null))
      .then([delivered]);
  });

  it('when a try bounces, then it is recorded with its retry; the same try again changes nothing', () => {
    given([placed, issued])
      .when(attempt(1, 'bounced', T1))
      .then([bounced(1, T1)]);
    given([placed, issued, bounced(1, T1)])
      .when(attempt(1, 'bounced', T1))
      .then([]);
    given([placed, issued, bounced(1, T1)])
      .when(attempt(3, 'bounced', T1))
      .then([]);
  });

  it('when the last try bounces, then the order fails', () => {
    given([placed, issued, bounced(1, T1)])
      .when(attempt(2, 'bounced', null))
      .then([bounced(2, null), { type: 'OrderFailed', data: { orderId: ID, reason: 'bounced', failedAt: T0 } }]);
  });

  it('when resent, then a new send starts, to the corrected address; a try of the old send changes nothing', () => {
    const failed = { type: 'OrderFailed', data: { orderId: ID, reason: 'bounced', failedAt: T0 } } as const;
    given([placed, issued, bounced(1, null), failed])
      .when(resend(PROGRAM, 'sealed-new'))
      .then([resent(2, 'sealed-new')]);
    given([placed, issued, bounced(1, null), failed, resent(2, 'sealed-new')])
      .when(attempt(1, null, null))
      .then([]);
    given([placed, issued, bounced(1, null), failed, resent(2, 'sealed-new')])
      .when(attempt(1, null, null, 2))
      .then([delivered]);
    given([placed, issued, delivered])
      .when(resend())
      .then([resent(2)]);
  });

  it('when another program, a none order or a canceled one is resent, then it is refused', () => {
    given([placed, issued, delivered]).when(resend('33333333-3333-4333-8333-333333333333')).thenThrows('not_found');
    given([{ type: 'OrderPlaced', data: placedData() }])
      .when(resend())
      .thenThrows('operation_refused');
    given([placed, { type: 'OrderCanceled', data: { orderId: ID, canceledAt: T0 } }])
      .when(resend())
      .thenThrows('operation_refused');
  });
});
