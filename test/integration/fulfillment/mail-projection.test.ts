import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStream } from '../../../src/commands/fulfillment/streams.js';
import { orderEvents } from '../../../src/domain/fulfillment/orders/events.js';
import type { OrderRow } from '../../../src/projections/fulfillment/orders/queries.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { fulfillmentProjection } from '../../../src/projections/fulfillment/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { placedData, T0 } from '../../unit/fulfillment/fixtures.js';

/* The mail columns of an email order, one case per event type that moves them, each applied twice. */

const T1 = '2026-11-22T10:01:00.000Z';

describe('the fulfillment projection of an email order’s mail', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const row = (id: string) => infra.knex('rm_fulfillment_orders').where({ id }).first<OrderRow>('*');
  const on = (orderId: string, type: keyof typeof orderEvents, data: object) =>
    recorded(type, orderEvents[type].parse({ orderId, ...data }), {
      stream: orderStream(orderId),
      tenantId: programId,
    });
  const placedEmail = (orderId: string) => {
    const user = { id: null, emailDigest: 'd', emailSealed: 'sealed-email', firstName: null, lastName: null };
    const data = placedData({ orderId, programId, clientOrderId: `ORD-${orderId}`, deliveryMethod: 'email', user });
    return recorded('OrderPlaced', data, { stream: orderStream(orderId), tenantId: programId });
  };
  /** A new email order's id, its OrderPlaced recorded first (revisions follow the order of recording). */
  const newEmailOrder = () => {
    const id = randomUUID();
    return { id, placed: placedEmail(id) };
  };
  const apply = async (order: { id: string; placed: RecordedEvent }, ...events: RecordedEvent[]) => {
    await applyToDb(infra.knex, fulfillmentProjection, [order.placed, ...events], { replayed: true });
    return row(order.id);
  };

  it('OrderPlaced by email makes its first mail due at once', async () => {
    const order = newEmailOrder();
    expect(await apply(order)).toMatchObject({ delivery_status: 'pending', mail_send: 1, mail_attempts: 0 });
    expect((await row(order.id)).mail_retry_at?.toISOString()).toBe(T0);
  });

  it('OrderMailAttemptFailed counts the try and sets the next; the last one fails the delivery', async () => {
    const order = newEmailOrder();
    const failed = (attempt: number, retryAt: string | null) =>
      on(order.id, 'OrderMailAttemptFailed', { send: 1, attempt, reason: 'bounced', failedAt: T0, retryAt });
    const first = failed(1, T1);
    expect(await apply(order, first)).toMatchObject({ delivery_status: 'pending', mail_attempts: 1 });
    expect((await row(order.id)).mail_retry_at?.toISOString()).toBe(T1);
    expect(await apply(order, first, failed(2, null))).toMatchObject({
      delivery_status: 'failed',
      mail_attempts: 2,
      mail_retry_at: null,
    });
  });

  it('OrderDelivered marks the mail sent; OrderFailed marks it failed', async () => {
    const sent = newEmailOrder();
    const delivered = on(sent.id, 'OrderDelivered', { deliveredAt: T1 });
    expect(await apply(sent, delivered)).toMatchObject({ delivery_status: 'sent', status: 'delivered' });
    const failed = newEmailOrder();
    const failure = on(failed.id, 'OrderFailed', { reason: 'provider', failedAt: T1 });
    expect(await apply(failed, failure)).toMatchObject({ delivery_status: 'failed', status: 'failed' });
  });

  it('OrderDeliveryResent starts a new send to the corrected address, a failed order processing again', async () => {
    const order = newEmailOrder();
    const failed = on(order.id, 'OrderFailed', { reason: 'bounced', failedAt: T0 });
    const resent = on(order.id, 'OrderDeliveryResent', {
      send: 2,
      emailDigest: 'd2',
      emailSealed: 'sealed-new',
      resentAt: T1,
    });
    expect(await apply(order, failed, resent)).toMatchObject({
      status: 'processing',
      failure_reason: null,
      delivery_status: 'pending',
      mail_send: 2,
      mail_attempts: 0,
      delivery_email_sealed: 'sealed-new',
    });
  });

  it('OrderFulfilmentRetried starts a new send; a none order keeps no mail columns', async () => {
    const order = newEmailOrder();
    const failed = on(order.id, 'OrderFailed', { reason: 'provider', failedAt: T0 });
    const retried = on(order.id, 'OrderFulfilmentRetried', { retriedAt: T1 });
    expect(await apply(order, failed, retried)).toMatchObject({ delivery_status: 'pending', mail_send: 2 });
    const id = randomUUID();
    const data = placedData({ orderId: id, programId, clientOrderId: `ORD-${id}` });
    const none = { id, placed: recorded('OrderPlaced', data, { stream: orderStream(id), tenantId: programId }) };
    const noneFailed = on(id, 'OrderFailed', { reason: 'x', failedAt: T0 });
    expect(await apply(none, noneFailed)).toMatchObject({ delivery_status: null, mail_send: null, status: 'failed' });
  });
});
