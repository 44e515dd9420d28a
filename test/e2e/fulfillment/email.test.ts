import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, newReward, orderBody, type Json, type Program } from './helpers.js';

const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('fulfillment delivery by email', () => {
  let app: TestApp;
  let program: Program;
  let promotionId: string;
  let codeOnly: string;
  beforeAll(async () => {
    app = await startTestApp({ MAIL_RETRY_SCHEDULE: '0,100ms,100ms', MAIL_POLL_MS: '100' });
    program = await newProgram(app, 'Mail program');
    codeOnly = await newReward(app, { media: ['code'] });
    promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR', codeOnly]);
  });
  afterAll(async () => {
    await app.stop();
  });

  const outbox = async (to: string) =>
    (await app.request('GET', `/v1/admin/outbox?to=${encodeURIComponent(to)}`, { headers: ADMIN })).body.data as Json[];
  const settle = async (id: string, status: string) => {
    await expect
      .poll(async () => ((await program.get(`/v1/orders/${id}`)).body.data as Json).status, {
        timeout: 20_000,
      })
      .toBe(status);
    return (await program.get(`/v1/orders/${id}`)).body.data as Json;
  };
  const emailOrder = async (sku: string, email: string) => {
    const placed = await program.post(
      '/v1/orders',
      orderBody(promotionId, sku, { user: { email }, delivery: { method: 'email' } }),
    );
    expect(placed.status).toBe(201);
    expect(placed.body.data).toMatchObject({
      status: 'processing',
      delivery: { method: 'email', status: 'pending', email },
    });
    return String((placed.body.data as Json).id);
  };

  it('mails the code with the e-card attached, then the order is delivered and its budget spent', async () => {
    const id = await emailOrder('SANDBOX-GIFT-10EUR', 'camille@example.org');
    const order = await settle(id, 'delivered');
    expect(order.delivery).toMatchObject({ status: 'sent', email: 'camille@example.org' });
    const code = String((order.reward_codes as { codes: Json[] }).codes[0]!.value);
    const [message] = await outbox('camille@example.org');
    expect(message).toMatchObject({ to: 'camille@example.org', subject: 'Your Sandbox gift card 10 EUR' });
    expect(String(message!.text)).toContain(code);
    const [card] = message!.attachments as Json[];
    expect(card).toMatchObject({ filename: `order-${String(order.order_id)}.pdf`, content_type: 'application/pdf' });
    expect(card!.size).toBeGreaterThan(500);
    const pdf = await fetch(`${app.baseUrl}/v1/admin/outbox/${String(message!.id)}/attachments/0`, { headers: ADMIN });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const promotion = (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json;
    expect(promotion.budget_spent).not.toBe('0.00');
  });

  it('attaches no e-card when the reward has no pdf media', async () => {
    const id = await emailOrder(codeOnly, 'nopdf@example.org');
    await settle(id, 'delivered');
    const [message] = await outbox('nopdf@example.org');
    expect(message!.attachments).toEqual([]);
  });

  it('tries a bouncing address as the schedule says, then fails; a resend to a corrected address delivers', async () => {
    const id = await emailOrder('SANDBOX-GIFT-10EUR', 'gone@bounce.test');
    const failed = await settle(id, 'failed');
    expect(failed.delivery).toMatchObject({ status: 'failed' });
    expect(failed.failure_reason).toContain('bounced');
    expect(await outbox('gone@bounce.test')).toEqual([]);
    const { rows } = await app.knex.raw<{ rows: unknown[] }>(
      `select 1 from gs_events where stream_name = ? and type = 'OrderMailAttemptFailed'`,
      [`order-${id}`],
    );
    expect(rows).toHaveLength(3);
    const resent = await program.post(`/v1/orders/${id}/resend`, { data: { email: 'camille.new@example.org' } });
    expect(resent.status).toBe(200);
    expect(resent.body.data).toMatchObject({
      status: 'processing',
      delivery: { status: 'pending', email: 'camille.new@example.org' },
    });
    await settle(id, 'delivered');
    expect(await outbox('camille.new@example.org')).toHaveLength(1);
  });

  it('resends a delivered email order as a second mail; other methods are refused', async () => {
    const id = await emailOrder('SANDBOX-GIFT-10EUR', 'twice@example.org');
    await settle(id, 'delivered');
    expect((await program.post(`/v1/orders/${id}/resend`, { data: {} })).status).toBe(200);
    await expect.poll(async () => (await outbox('twice@example.org')).length, { timeout: 20_000 }).toBe(2);
    const none = await program.post('/v1/orders', orderBody(promotionId, 'SANDBOX-GIFT-10EUR'));
    const refused = await program.post(`/v1/orders/${String((none.body.data as Json).id)}/resend`, { data: {} });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error_name: 'operation_refused' });
    expect((await program.post(`/v1/orders/${id}/resend`, { email: 'flat@example.org' })).status).toBe(422);
  });
});
