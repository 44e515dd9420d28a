import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { donate, newCampaign, newProgram } from '../../../support/fixtures/giving.js';

describe('offline gifts without an email', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('when a check or cash gift comes without an email, then it is recorded with email null, each its own donor', async () => {
    const client = await newProgram(app);
    const campaignId = await newCampaign(client);
    const check = await donate(client, campaignId, { amount: '40.00', method: 'check', email: undefined });
    expect(check.status, JSON.stringify(check.body)).toBe(201);
    expect(check.body.data).toMatchObject({ email: null, method: 'check', status: 'succeeded', donated: '40.00' });
    const cash = await donate(client, campaignId, { amount: '10.00', method: 'cash', email: null });
    expect(cash.status, JSON.stringify(cash.body)).toBe(201);
    expect(cash.body.data).toMatchObject({ email: null, method: 'cash' });
    const campaign = await client.get(`/v1/campaigns/${campaignId}`);
    expect(campaign.body.data).toMatchObject({ raised: '50.00', number_of_donors: 2 });
    const read = await client.get(`/v1/donations/${String((check.body.data as { id: string }).id)}`);
    expect(read.body.data).toMatchObject({ email: null });
  });

  it('when a card gift comes without an email, then 422 on email and nothing is charged or recorded', async () => {
    const client = await newProgram(app);
    const campaignId = await newCampaign(client);
    const payments = async () => Number((await app.knex('sandbox_payments').count<{ n: string }[]>('* as n'))[0]!.n);
    const paymentsBefore = await payments();
    const refused = await donate(client, campaignId, {
      amount: '25.00',
      method: 'card',
      payment_token: 'tok_visa',
      email: undefined,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error_name).toBe('invalid_request');
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
    const listed = await client.get(`/v1/donations?campaign_id=${campaignId}`);
    expect(listed.body.data).toEqual([]);
    expect(await payments()).toBe(paymentsBefore);
  });

  it('when a gift later gets an email, then its donor is counted by that email', async () => {
    const client = await newProgram(app);
    const campaignId = await newCampaign(client);
    const first = await donate(client, campaignId, { amount: '5.00', method: 'cash', email: undefined });
    await donate(client, campaignId, { amount: '7.00', method: 'cash', email: 'zaz@example.org' });
    const id = String((first.body.data as { id: string }).id);
    const patched = await client.patch(`/v1/donations/${id}`, { email: 'zaz@example.org' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const campaign = await client.get(`/v1/campaigns/${campaignId}`);
    expect(campaign.body.data).toMatchObject({ raised: '12.00', number_of_donors: 1 });
  });
});
