import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookPayloadSchemas } from '../../../../src/http/webhooks/payloads/index.js';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, until, type Receiver } from '../../../support/receiver.js';

type Json = Record<string, unknown>;
type Payload = { id: string; type: keyof typeof webhookPayloadSchemas; created_at: string; data: Json };

describe('giving webhooks (seed 002 events)', () => {
  let app: TestApp;
  let receiver: Receiver;
  let headers: Record<string, string>;
  const payloads = (): Payload[] => receiver.received.map((r) => JSON.parse(r.body.toString('utf8')) as Payload);
  const ofType = (type: string) => payloads().filter((p) => p.type === type);

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' });
    const program = (await app.createProgram({ name: 'Hooks' })).data as Json;
    headers = { 'Api-Key': String(program.api_key), 'Api-Secret': String(program.api_secret) };
    const events = [
      'donation.created',
      'donation.deleted',
      'donation.refunded',
      'campaign.created',
      'campaign.disabled',
    ];
    const subscribed = await app.request('POST', '/v1/webhooks', {
      headers,
      body: { name: 'giving', url: receiver.url, events },
    });
    expect(subscribed.status).toBe(201);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('sends campaign.created, donation.created, donation.refunded, donation.deleted and campaign.disabled with the resource as the API shows it', async () => {
    const created = await app.request('POST', '/v1/campaigns', {
      headers,
      body: {
        title: 'Hiver solidaire',
        slug: 'hiver-solidaire',
        goal: '500.00',
        managers: [{ first_name: 'Lucie', last_name: 'Martin', email: 'lucie@example.org' }],
      },
    });
    const campaign = created.body.data as Json;
    const give = (body: Json) =>
      app.request('POST', '/v1/donations', {
        headers,
        body: {
          campaign_id: campaign.id,
          currency: 'EUR',
          first_name: 'Camille',
          last_name: 'Durand',
          email: 'camille@example.org',
          ...body,
        },
      });
    const card = (await give({ amount: '50.00', method: 'card', cover_fee: true, payment_token: 'tok_visa' })).body
      .data as Json;
    const cash = (await give({ amount: '20.00', method: 'cash' })).body.data as Json;
    expect((await app.request('POST', `/v1/donations/${String(card.id)}/refund`, { headers, body: {} })).status).toBe(
      200,
    );
    expect((await app.request('DELETE', `/v1/donations/${String(cash.id)}`, { headers })).status).toBe(204);
    expect(
      (await app.request('POST', `/v1/campaigns/${String(campaign.id)}/archive`, { headers, body: {} })).status,
    ).toBe(200);

    await until(() => receiver.received.length >= 6);
    for (const payload of payloads()) expect(() => webhookPayloadSchemas[payload.type].parse(payload)).not.toThrow();

    const [campaignCreated] = ofType('campaign.created');
    expect(campaignCreated).toMatchObject({
      data: { ...campaign, managers: [expect.objectContaining({ first_name: 'Lucie' })] },
    });
    const donationsCreated = ofType('donation.created');
    expect(donationsCreated.map((p) => p.data)).toEqual(expect.arrayContaining([card, cash]));
    const [refunded] = ofType('donation.refunded');
    expect(refunded).toMatchObject({ data: { ...card, refunded: true, refunded_at: expect.any(String) as unknown } });
    const [deleted] = ofType('donation.deleted');
    expect(deleted?.data).toEqual(cash);
    const [disabled] = ofType('campaign.disabled');
    expect(disabled).toMatchObject({
      data: { id: campaign.id, status: 'archived', raised: '0.00', number_of_donors: 0 },
    });
    expect(new Set(payloads().map((p) => p.id)).size).toBe(payloads().length);
  });
});
