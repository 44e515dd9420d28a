import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { donationHistory, programWithCampaign } from '../../../support/fixtures/giving.js';

type Json = Record<string, unknown>;

describe('donations over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  const withCampaign = (body: Json = {}) => programWithCampaign(app, body);

  it('records a card donation with the fee covered: 2.90 % + 0.30 on 50.00 is 1.75 (half up), paid 51.75', async () => {
    const { campaignId, donation } = await withCampaign();
    const paid = await donation({
      amount: '50.00',
      method: 'card',
      cover_fee: true,
      payment_token: 'tok_visa',
      phone: '+33 6 00 00 00 00',
    });
    expect(paid.status).toBe(201);
    const data = paid.body.data as Json;
    expect(data).toMatchObject({
      campaign_id: campaignId,
      status: 'succeeded',
      method: 'card',
      amount: '51.75',
      fee: '1.75',
      fee_covered: '1.75',
      donated: '50.00',
      payout: '50.00',
      currency: 'EUR',
      captured: true,
      refunded: false,
      refunded_at: null,
      plan_id: null,
    });
    expect(data.captured_at).toBe(data.created_at);
    expect(data.line_items).toEqual([
      { id: expect.any(String) as unknown, type: 'donation', name: 'Donation', quantity: 1, amount: '50.00' },
    ]);
  });

  it('takes the fee out of an uncovered card donation, and none from check or cash (payout 0)', async () => {
    const { donation, campaign } = await withCampaign();
    // camille's covered card gift of 50.00 comes first.
    expect(
      (await donation({ amount: '50.00', method: 'card', cover_fee: true, payment_token: 'tok_visa' })).status,
    ).toBe(201);
    const card = await donation({
      amount: '10.00',
      method: 'card',
      payment_token: 'tok_visa',
      email: 'bob@example.org',
    });
    expect(card.body.data).toMatchObject({
      amount: '10.00',
      fee: '0.59',
      fee_covered: '0.00',
      donated: '9.41',
      payout: '9.41',
    });
    const check = await donation({ amount: '100.00', method: 'check', cover_fee: true, email: 'carla@example.org' });
    expect(check.body.data).toMatchObject({
      status: 'succeeded',
      amount: '100.00',
      fee: '0.00',
      fee_covered: '0.00',
      donated: '100.00',
      payout: '0.00',
    });
    const cash = await donation({
      amount: '20.00',
      method: 'cash',
      email: 'CAMILLE@example.org',
      utm: { source: 'newsletter' },
      address: { city: 'Bordeaux', postal_code: '33000' },
    });
    expect(cash.body.data).toMatchObject({
      method: 'cash',
      donated: '20.00',
      payout: '0.00',
      utm: { source: 'newsletter', medium: null },
      address: { city: 'Bordeaux', postal_code: '33000', line1: null },
    });
    // 50.00 + 9.41 + 100.00 + 20.00; camille gave twice (the email is the donor, whatever its case).
    expect(await campaign()).toMatchObject({ raised: '179.41', number_of_donors: 3 });
  });

  it('records a declined card as a failed transaction (201), which raises nothing', async () => {
    const { api, donation, campaign } = await withCampaign();
    const declined = await donation({
      amount: '30.00',
      method: 'card',
      payment_token: 'tok_fail',
      email: 'dan@example.org',
    });
    expect(declined.status).toBe(201);
    expect(declined.body.data).toMatchObject({ status: 'failed', captured: false, captured_at: null });
    const failed = String((declined.body.data as Json).id);
    const pledge = await donation({ amount: '5.00', method: 'card', email: 'eve@example.org' });
    expect(pledge.body.data).toMatchObject({ status: 'authorized', captured: false });
    expect(await campaign()).toMatchObject({ raised: '0.00', number_of_donors: 0 });
    const refused = await api.post(`/v1/donations/${failed}/refund`);
    expect(refused.status).toBe(422);
    expect(refused.body.error_name).toBe('operation_refused');
  });

  it('refuses another currency, an unknown campaign, and line items that do not add up (422)', async () => {
    const { donation } = await withCampaign();
    const usd = await donation({ amount: '5.00', method: 'cash', currency: 'USD' });
    expect(usd.status).toBe(422);
    expect(usd.body.details).toEqual([expect.objectContaining({ field: 'currency' })]);
    const unknown = await donation({
      amount: '5.00',
      method: 'cash',
      campaign_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    const items = await donation({
      amount: '5.00',
      method: 'cash',
      line_items: [{ name: 'Ticket', type: 'ticket', quantity: 2, amount: '2.00' }],
    });
    expect(items.status).toBe(422);
    expect(items.body.details).toEqual([expect.objectContaining({ field: 'line_items' })]);
  });

  it('refunds once: the campaign loses that gift and its donor, a second refund is operation_refused', async () => {
    const { api, campaignId, campaign } = await withCampaign();
    const ids = await donationHistory(api, campaignId);
    expect(await campaign()).toMatchObject({ raised: '179.41', number_of_donors: 3 });
    const refunded = await api.post(`/v1/donations/${ids.uncovered}/refund`);
    expect(refunded.status).toBe(200);
    expect(refunded.body.data).toMatchObject({ refunded: true, refunded_at: expect.any(String) as unknown });
    expect(await campaign()).toMatchObject({ raised: '170.00', number_of_donors: 2 });
    const again = await api.post(`/v1/donations/${ids.uncovered}/refund`);
    expect(again.status).toBe(422);
    expect(again.body.error_name).toBe('operation_refused');
  });

  it('updates supporter fields only, with If-Match, and deletes a donation (then 404, raised lowered)', async () => {
    const { api, campaignId, campaign } = await withCampaign();
    const ids = await donationHistory(api, campaignId, { refunded: true });
    const stale = await api.patch(`/v1/donations/${ids.check}`, { first_name: 'Carla' }, { 'If-Match': '"5"' });
    expect(stale.status).toBe(412);
    const notSupporter = await api.patch(`/v1/donations/${ids.check}`, { amount: '1.00' });
    expect(notSupporter.status).toBe(422);
    const updated = await api.patch(
      `/v1/donations/${ids.check}`,
      { first_name: 'Carla', email: 'camille@example.org', address: { country: 'FR' } },
      { 'If-Match': '"0"' },
    );
    expect(updated.body).toMatchObject({
      data: {
        first_name: 'Carla',
        email: 'camille@example.org',
        amount: '100.00',
        address: { country: 'FR', city: null },
      },
      version: 1,
    });
    // Carla's gift is now camille's: one donor fewer, the same money.
    expect(await campaign()).toMatchObject({ raised: '170.00', number_of_donors: 1 });
    expect((await api.delete(`/v1/donations/${ids.cash}`)).status).toBe(204);
    expect((await api.get(`/v1/donations/${ids.cash}`)).status).toBe(404);
    expect((await api.delete(`/v1/donations/${ids.cash}`)).status).toBe(404);
    expect(await campaign()).toMatchObject({ raised: '150.00', number_of_donors: 1 });
  });

  it('lists donations with filters and paging, and hides them from another program', async () => {
    const { api, other, campaignId } = await withCampaign();
    const ids = await donationHistory(api, campaignId, { refunded: true, edited: true });
    const all = await api.get('/v1/donations');
    expect(all.body.paging).toMatchObject({ page: 1, per_page: 20, total: 5 });
    const failed = await api.get(`/v1/donations?status=failed&campaign_id=${campaignId}`);
    expect((failed.body.data as Json[]).map((d) => d.id)).toEqual([ids.failed]);
    const page = await api.get('/v1/donations?per_page=2&page=2&sort=amount');
    expect(page.body.paging).toMatchObject({ page: 2, per_page: 2, total: 5 });
    expect((page.body.data as Json[]).map((d) => d.amount)).toEqual(['30.00', '51.75']);
    const future = await api.get('/v1/donations?from=2100-01-01T00:00:00Z');
    expect(future.body.paging).toMatchObject({ total: 0 });
    const past = await api.get(`/v1/donations?to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(past.body.paging).toMatchObject({ total: 5 });
    const bad = await api.get('/v1/donations?status=lost');
    expect(bad.status).toBe(422);
    expect((await other.get(`/v1/donations/${ids.card}`)).status).toBe(404);
    expect((await other.post(`/v1/donations/${ids.card}/refund`)).status).toBe(404);
    expect((await other.get('/v1/donations')).body.paging).toMatchObject({ total: 0 });
  });

  it('credits a manager with what donations under their user_id raised', async () => {
    const { donation, campaign } = await withCampaign({
      managers: [{ first_name: 'Lucie', last_name: 'Martin', email: 'lucie@example.org' }],
    });
    const managerId = String(((await campaign()).managers as Json[])[0]!.id);
    await donation({ amount: '15.00', method: 'cash', user_id: managerId, email: 'fan@example.org' });
    const [manager] = (await campaign()).managers as Json[];
    expect(manager).toMatchObject({ id: managerId, raised: '15.00', donated: '0.00' });
  });

  it('answers a repeated POST with the same Idempotency-Key with the first donation, and 401 without credentials', async () => {
    const { api, other, campaignId } = await withCampaign();
    const key = { 'Idempotency-Key': 'gift-42' };
    const body = {
      campaign_id: campaignId,
      currency: 'EUR',
      first_name: 'Ida',
      last_name: 'Em',
      email: 'ida@example.org',
      amount: '7.00',
      method: 'cash',
    };
    const first = await api.post('/v1/donations', body, key);
    const again = await api.post('/v1/donations', body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect((again.body.data as Json).id).toBe((first.body.data as Json).id);
    expect((await api.get(`/v1/donations?campaign_id=${campaignId}`)).body.paging).toMatchObject({ total: 1 });
    expect((await app.request('GET', '/v1/donations')).status).toBe(401);
    expect((await app.request('POST', '/v1/campaigns', { body: { title: 'x', slug: 'x', goal: '1.00' } })).status).toBe(
      401,
    );
    expect(
      (
        await other.patch(
          `/v1/donations/${String((first.body.data as Json).id)}`,
          { phone: '1' },
          { 'If-Match': '"9"' },
        )
      ).status,
    ).toBe(404);
  });
});
