import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, orderBody } from '../fulfillment/helpers.js';
import { ADMIN, programWithHub, type Json } from '../hub/support.js';

describe('the one sandbox outbox', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SMS_SANDBOX_CODE: '424242', MAIL_POLL_MS: '100' });
  });
  afterAll(() => app.stop());

  const outbox = async (query = '') => {
    const answer = await app.request('GET', `/v1/admin/outbox${query}`, { headers: ADMIN });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { data: Json[]; paging: { total: number } };
  };

  it('when the hub texts a code and fulfillment mails an order, then GET /v1/admin/outbox lists both, newest first, by recipient and by page', async () => {
    const hub = await programWithHub(app);
    const phoneNumber = `6${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    const registered = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33 },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const asked = await app.request('GET', '/v1/hub/auth/temporary-code', {
      headers: { ...hub.key, phoneNumber, countryCode: '33' },
    });
    expect(asked.status).toBe(204);

    const shop = await newProgram(app, 'Outbox program');
    const promotionId = await newPromotion(shop, ['SANDBOX-GIFT-10EUR']);
    const email = `outbox-${Date.now()}@example.org`;
    const placed = await shop.post(
      '/v1/orders',
      orderBody(promotionId, 'SANDBOX-GIFT-10EUR', { user: { email }, delivery: { method: 'email' } }),
    );
    expect(placed.status).toBe(201);
    await expect
      .poll(async () => (await outbox(`?to=${encodeURIComponent(email)}`)).data.length, { timeout: 20_000 })
      .toBe(1);

    const sms = (await outbox(`?to=${encodeURIComponent(`+33${phoneNumber}`)}`)).data;
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', hubId: hub.hub.id, status: 'delivered' });
    expect(String(sms[0]!.text)).toContain('424242');
    const [mail] = (await outbox(`?to=${encodeURIComponent(email)}`)).data;
    expect(mail).toMatchObject({ channel: 'email', to: email, status: 'sent' });

    const all = await outbox();
    expect(all.data.map((m) => m.id)).toEqual(expect.arrayContaining([sms[0]!.id, mail!.id]));
    const times = all.data.map((m) => String(m.created_at));
    expect(times).toEqual([...times].sort().reverse());
    const second = await outbox('?per_page=1&page=2');
    expect(second.paging.total).toBe(all.paging.total);
    expect(second.data.map((m) => m.id)).toEqual([all.data[1]!.id]);
  });
});
