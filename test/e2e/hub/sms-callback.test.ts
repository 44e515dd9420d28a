import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { ADMIN, programWithHub, type HubProgram, type Json } from './support.js';

const SECRET = 'sms-provider-secret-0123456789';
const PROVIDER = { Authorization: `Basic ${Buffer.from(`brevo:${SECRET}`).toString('base64')}` };

describe('the SMS provider callback (auth_api postSmsCallback) and the sandbox failing phone', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SMS_CALLBACK_SECRET: SECRET, SMS_SANDBOX_CODE: '111222' });
  });
  afterAll(() => app.stop());

  const registered = async (hub: HubProgram, phoneNumber: string) => {
    const answer = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33 },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  };
  const askCode = async (hub: HubProgram, phoneNumber: string) =>
    (
      await app.request('GET', '/v1/hub/auth/temporary-code', {
        headers: { ...hub.key, phoneNumber, countryCode: '33' },
      })
    ).status;
  const outbox = async (phoneNumber: string) =>
    (await app.request('GET', `/v1/admin/hub/outbox?to=%2B33${phoneNumber}`, { headers: ADMIN })).body.data as Json[];
  const callback = (body: unknown, headers: Record<string, string> = PROVIDER) =>
    app.request('POST', '/v1/hub/providers/sms/callback', { headers, body });

  it('a bounce reported for a phone lifts its 60 s wait; a delivery named by reference is recorded', async () => {
    const hub = await programWithHub(app);
    const phoneNumber = `7${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    await registered(hub, phoneNumber);
    expect(await askCode(hub, phoneNumber)).toBe(204);
    expect(await askCode(hub, phoneNumber)).toBe(429);

    expect((await callback({ status: 'hardBounce', to: `33${phoneNumber}` }, {})).status).toBe(401);
    const wrong = { Authorization: `Basic ${Buffer.from('brevo:not-the-secret').toString('base64')}` };
    expect((await callback({ status: 'hardBounce', to: `33${phoneNumber}` }, wrong)).status).toBe(401);
    expect((await callback({ to: `33${phoneNumber}` })).status).toBe(422);
    expect(await askCode(hub, phoneNumber)).toBe(429);

    const bounced = await callback({
      status: 'hardBounce',
      bounce_type: 'hard',
      to: `+33${phoneNumber}`,
      sms_count: 1,
    });
    expect(bounced.status).toBe(204);
    expect((await outbox(phoneNumber))[0]).toMatchObject({ status: 'failed' });
    expect(await askCode(hub, phoneNumber)).toBe(204);

    const [latest] = await outbox(phoneNumber);
    const delivered = await callback(
      { status: 'delivered', reference: { '1': String(latest!.id) } },
      { 'X-Sms-Callback-Secret': SECRET },
    );
    expect(delivered.status).toBe(204);
    expect((await outbox(phoneNumber))[0]).toMatchObject({ id: latest!.id, status: 'delivered' });
    // Delivered: the wait holds.
    expect(await askCode(hub, phoneNumber)).toBe(429);
    // A report about a message nobody sent changes nothing and is not refused.
    expect((await callback({ status: 'hardBounce', reference: 'unknown', to: '33999' })).status).toBe(204);
  });

  it('the sandbox phone 600000000 reports a failed delivery at once, so a new code may be asked at once', async () => {
    const hub = await programWithHub(app);
    await registered(hub, '600000000');
    expect(await askCode(hub, '600000000')).toBe(204);
    const messages = (await outbox('600000000')).filter((m) => m.hubId === hub.hub.id);
    expect(messages.map((m) => m.status)).toEqual(['failed']);
    expect(await askCode(hub, '600000000')).toBe(204);
  });
});
