import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULFILLMENT_EVENTS } from '../../../src/domain/webhooks/event-names.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';
import { verifyDelivery } from '../../support/webhook-signature.js';
import { newProgram, newPromotion, orderBody, type Json, type Program } from './helpers.js';

describe('fulfillment webhooks through the signed delivery', () => {
  let app: TestApp;
  let receiver: Receiver;
  let program: Program;
  let secret: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    program = await newProgram(app, 'Webhook fulfillment program');
    const created = await program.post('/v1/webhooks', { url: receiver.url, events: [...FULFILLMENT_EVENTS] });
    expect(created.status).toBe(201);
    secret = String((created.body.data as Json).secret);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const bodies = () => receiver.received.map((r) => JSON.parse(r.body.toString('utf8')) as Json);
  const ofType = (type: string, id: string) =>
    bodies().filter((b) => b.type === type && (b.data as Json).id === id) as Array<{ data: Json } & Json>;

  it('sends order.created, .delivered, .failed, .canceled and promotion.created, .updated, signed, without codes', async () => {
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR', 'SANDBOX-FAIL']);
    const delivered = await program.post('/v1/orders', orderBody(promotionId, 'SANDBOX-GIFT-10EUR'));
    expect(delivered.status).toBe(201);
    const order = delivered.body.data as Json;
    const code = String((order.reward_codes as { codes: Json[] }).codes[0]!.value);
    const failed = await program.post('/v1/orders', orderBody(promotionId, 'SANDBOX-FAIL'));
    expect((failed.body.data as Json).status).toBe('failed');
    const failedId = String((failed.body.data as Json).id);
    expect((await program.post(`/v1/orders/${failedId}/cancel`, {})).status).toBe(200);
    const patched = await program.patch(`/v1/promotions/${promotionId}`, { data: { name: 'Renamed' } });
    expect(patched.status).toBe(200);

    await until(
      () =>
        ofType('order.delivered', String(order.id)).length > 0 &&
        ofType('order.canceled', failedId).length > 0 &&
        ofType('promotion.updated', promotionId).length > 0,
      30_000,
    );
    expect(ofType('order.created', String(order.id))[0]!.data).toMatchObject({
      order_id: order.order_id,
      status: 'processing',
      value: { amount: '10.00', currency: 'EUR' },
      delivery: { method: 'none', status: null, email: null },
    });
    expect(ofType('order.delivered', String(order.id))[0]!.data).toMatchObject({ status: 'delivered' });
    expect(ofType('order.failed', failedId)[0]!.data).toMatchObject({ status: 'failed' });
    expect(ofType('order.canceled', failedId)[0]!.data).toMatchObject({ status: 'canceled' });
    expect(ofType('promotion.created', promotionId)[0]!.data).toMatchObject({ name: 'Thank-you', state: 'ready' });
    expect(ofType('promotion.updated', promotionId)[0]!.data).toMatchObject({ name: 'Renamed' });
    for (const body of bodies()) {
      expect(body.data).not.toHaveProperty('reward_codes');
      expect(body.data).not.toHaveProperty('delivery.redemption_url');
    }
    const raw = receiver.received.map((r) => r.body.toString('utf8')).join('\n');
    expect(raw).not.toContain(code);
    expect(raw).not.toContain('SBX-');

    const publicKey = await (await fetch(`${app.baseUrl}/v1/webhooks/public-key`)).text();
    for (const delivery of receiver.received)
      expect(verifyDelivery(delivery, { receiverUrl: receiver.url, publicKeyPem: publicKey, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });
  });

  it('test-fires a sample of each fulfillment event, without codes', async () => {
    for (const camel of ['orderCreated', 'orderExpired', 'redemptionCreated', 'promotionUpdated']) {
      const fired = await program.post(`/v1/admin/webhook/${camel}`, {});
      expect(fired.status, camel).toBeLessThan(300);
    }
    await until(() => bodies().some((b) => b.type === 'redemption.created'));
    const redemption = bodies().find((b) => b.type === 'redemption.created')!;
    expect(redemption.data).toMatchObject({ authentication_system: 'token', token_hint: 'K7QZ' });
    expect(redemption.data).not.toHaveProperty('reward_codes');
    await until(() => bodies().some((b) => b.type === 'order.expired'));
  });

  it('sends redemption.created when a link is claimed, without its codes', async () => {
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR']);
    const placed = await program.post(
      '/v1/orders',
      orderBody(promotionId, 'SANDBOX-GIFT-10EUR', { delivery: { method: 'link' } }),
    );
    const url = String(((placed.body.data as Json).delivery as Json).redemption_url);
    const claimCode = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
    const redeemed = await app.request('POST', '/v1/redemptions', { body: { data: { claim_code: claimCode } } });
    expect(redeemed.status).toBe(201);
    const redemption = redeemed.body.data as Json;
    await until(() => ofType('redemption.created', String(redemption.id)).length > 0);
    const sent = ofType('redemption.created', String(redemption.id))[0]!.data;
    expect(sent).toMatchObject({ authentication_system: 'none', order: { id: (placed.body.data as Json).id } });
    expect(sent).not.toHaveProperty('reward_codes');
    expect(JSON.stringify(bodies())).not.toContain(claimCode);
  });
});
