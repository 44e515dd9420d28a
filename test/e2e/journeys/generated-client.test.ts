import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../support/app.js';
import { eventually } from '../../support/infra.js';
import type { paths } from '../../support/openapi/api.js';
import { checkAnswer } from '../../support/openapi/check.js';
import { startReceiver, until, type Receiver } from '../../support/receiver.js';

/** A fetch that holds every answer to the document too, as app.request does. */
const checkedFetch = async (request: Request): Promise<Response> => {
  const response = await fetch(request);
  const url = new URL(request.url);
  checkAnswer({
    method: request.method,
    path: url.pathname + url.search,
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.clone().text(),
  });
  return response;
};

/**
 * A program's developer integrates through types generated from /openapi.json (openapi-typescript) and openapi-fetch:
 * every path, body and answer below is typed by test/support/openapi/api.d.ts, generated from today's document, so a
 * route that drifts from its document breaks this file's typecheck (see openapi-types.test.ts) or its run.
 */
describe('a journey through a client generated from the OpenAPI document', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_ALLOW_HTTP: 'true' });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('creates a webhook, registers a member who subscribes, takes a donation, and reads them all back', async () => {
    const client = createClient<paths>({ baseUrl: app.baseUrl, fetch: checkedFetch });

    const created = await client.POST('/v1/admin/programs', {
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: { name: 'Generated client', cause_share_percent: 80 },
    });
    expect(created.response.status).toBe(201);
    const program = created.data!.data;
    const asProgram = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const asApp = { 'Api-Key': program.api_key };

    const webhook = await client.POST('/v1/webhooks', {
      headers: asProgram,
      body: { url: receiver.url, events: ['member.registered', 'donation.created'] },
    });
    expect(webhook.response.status).toBe(201);

    const cause = await client.POST('/v1/causes', {
      headers: asProgram,
      body: { cause: { name: 'Ecolo Info', city: 'Bordeaux', latitude: 44.84, longitude: -0.58 } },
    });
    expect(cause.response.status).toBe(201);
    const causeId = cause.data!.data.id;

    const user = {
      email: 'gen@example.org',
      first_name: 'Gen',
      last_name: 'Client',
      password: '123nuage!',
      city: 'Bordeaux',
      zipcode: '33300',
    };
    const registered = await client.POST('/v1/members', { headers: asApp, body: { user } });
    expect(registered.response.status).toBe(201);
    const session = await client.POST('/v1/sessions', {
      headers: asApp,
      body: { email: user.email, password: user.password },
    });
    expect(session.response.status).toBe(201);
    const { id: memberId, authentication_token: token } = session.data!.data;
    const asMember = { ...asApp, 'X-User-Email': user.email, 'X-User-Token': token };

    const subscribed = await client.PATCH('/v1/members/{id}', {
      params: { path: { id: memberId } },
      headers: asMember,
      body: { user: { subscription: 'M', amount: '12.00', cause_id: causeId, stripeToken: 'tok_visa' } },
    });
    expect(subscribed.response.status).toBe(200);
    expect(subscribed.data!.data).toMatchObject({ subscription: 'M', amount: '12.00', member: true });

    const campaign = await client.POST('/v1/campaigns', {
      headers: asProgram,
      body: { title: 'Des arbres', slug: `des-arbres-${memberId.slice(0, 8)}`, goal: '1000.00' },
    });
    expect(campaign.response.status).toBe(201);
    const donation = await client.POST('/v1/donations', {
      headers: { ...asProgram, 'Idempotency-Key': `donation-${memberId}` },
      body: {
        campaign_id: campaign.data!.data.id,
        amount: '25.00',
        currency: 'EUR',
        method: 'card',
        payment_token: 'tok_visa',
        first_name: user.first_name,
        last_name: user.last_name,
        email: user.email,
      },
    });
    expect(donation.response.status).toBe(201);
    const donationId = donation.data!.data.id;

    const readBack = await client.GET('/v1/donations/{id}', {
      params: { path: { id: donationId } },
      headers: asProgram,
    });
    expect(readBack.data!.data).toMatchObject({ id: donationId, status: 'succeeded', amount: '25.00', method: 'card' });
    const profile = await eventually(
      async () =>
        (await client.GET('/v1/members/{id}', { params: { path: { id: memberId } }, headers: asMember })).data!.data,
      (p) => p.donation_attributes.length === 1,
    );
    expect(profile.cause_attributes).toMatchObject({ id: causeId, name: 'Ecolo Info' });
    expect(profile.donation_attributes[0]).toMatchObject({ amount: '12.00', donation: '9.60', subscription: 'M' });
    const listed = await client.GET('/v1/donations', {
      params: { query: { campaign_id: campaign.data!.data.id } },
      headers: asProgram,
    });
    expect(listed.data!.data.map((d) => d.id)).toEqual([donationId]);

    await until(() => receiver.received.length >= 2);
    const events = receiver.received.map((r) => JSON.parse(r.body.toString()) as { type?: string; event?: string });
    expect(events.map((e) => e.type ?? e.event).sort()).toEqual(['donation.created', 'member.registered']);
  });
});
