import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { eventually } from '../../../support/infra.js';

type Json = Record<string, unknown>;

/** Years ahead, so the worker's own timer (real time) never finds these plans due. */
const START = '2030-01-31T09:00:00.000Z';

describe('recurring plan billing (worker plan-billing)', () => {
  let app: TestApp;
  let headers: Record<string, string>;
  let campaignId: string;
  beforeAll(async () => {
    app = await startTestApp();
    const program = (await app.createProgram({ name: 'Billing' })).data as { api_key: string; api_secret: string };
    headers = { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    const campaign = await app.request('POST', '/v1/campaigns', {
      headers,
      body: { title: 'Arbres', slug: `arbres-${Date.now()}`, goal: '1000.00' },
    });
    expect(campaign.status).toBe(201);
    campaignId = String((campaign.body.data as Json).id);
  });
  afterAll(async () => {
    await app.stop();
  });

  const billing = () => app.running.workers.get('plan-billing')!;
  const create = async (changes: Json = {}) => {
    const body = {
      campaign_id: campaignId,
      frequency: 'monthly',
      amount: '20.00',
      method: 'card',
      start_at: START,
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille@example.org',
      payment_token: 'tok_visa',
      ...changes,
    };
    const answer = await app.request('POST', '/v1/recurring-plans', { headers, body });
    expect(answer.status).toBe(201);
    return answer.body.data as Json;
  };
  const plan = async (id: unknown) =>
    (await app.request('GET', `/v1/recurring-plans/${String(id)}`, { headers })).body.data as Json;
  const donationsOf = async (id: unknown): Promise<Json[]> => {
    const answer = await app.request('GET', `/v1/donations?campaign_id=${campaignId}&per_page=100`, { headers });
    expect(answer.status).toBe(200);
    return (answer.body.data as Json[]).filter((d) => d.plan_id === id);
  };
  /** The donations projection runs on its own: wait for the count expected (or the timeout). */
  const donationsCount = async (id: unknown, expected: number): Promise<number> =>
    (
      await eventually(
        () => donationsOf(id),
        (d) => d.length >= expected,
        5000,
      )
    ).length;
  const charges = async (id: unknown): Promise<number> => {
    const [row] = await app
      .knex('sandbox_payments')
      .whereLike('idempotency_key', `%${String(id)}%`)
      .count<Array<{ count: string }>>({ count: '*' });
    return Number(row!.count);
  };

  it('bills a due plan once: a donation under the plan, next_bill_date moved by calendar months from the anchor', async () => {
    const created = await create({ cover_fee: true });
    expect(await billing().tick(new Date('2030-01-31T08:59:59Z'))).toBe(0);
    expect(await donationsOf(created.id)).toEqual([]);

    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    expect(await plan(created.id)).toMatchObject({ status: 'active', next_bill_date: '2030-02-28T09:00:00.000Z' });
    await donationsCount(created.id, 1);
    const [first] = await donationsOf(created.id);
    expect(first).toMatchObject({
      plan_id: created.id,
      campaign_id: campaignId,
      status: 'succeeded',
      method: 'card',
      fee_covered: '0.88',
      email: 'camille@example.org',
    });

    await billing().tick(new Date('2030-03-01T00:00:00Z'));
    await billing().tick(new Date('2030-04-01T00:00:00Z'));
    // 31 Jan → 28 Feb → 31 Mar → 30 Apr: the day comes back after a short month.
    expect((await plan(created.id)).next_bill_date).toBe('2030-04-30T09:00:00.000Z');
    expect(await donationsCount(created.id, 3)).toBe(3);
    // A tick at a time already billed records nothing more.
    await billing().tick(new Date('2030-04-01T00:00:00Z'));
    expect(await donationsOf(created.id)).toHaveLength(3);
  });

  it('a declined card makes the plan past_due; a later tick retries; a new token then bills and makes it active', async () => {
    const created = await create({ payment_token: 'tok_fail' });
    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    expect(await plan(created.id)).toMatchObject({ status: 'past_due', next_bill_date: START });
    expect(await donationsOf(created.id)).toEqual([]);

    await billing().tick(new Date('2030-02-02T00:00:00Z'));
    expect((await plan(created.id)).status).toBe('past_due');
    expect(await charges(created.id)).toBe(2);

    const patched = await app.request('PATCH', `/v1/recurring-plans/${String(created.id)}`, {
      headers,
      body: { payment_token: 'tok_visa' },
    });
    expect(patched.status).toBe(200);
    await billing().tick(new Date('2030-02-03T00:00:00Z'));
    expect(await plan(created.id)).toMatchObject({ status: 'active', next_bill_date: '2030-02-28T09:00:00.000Z' });
    expect(await donationsCount(created.id, 1)).toBe(1);
  });

  it('check and cash plans charge nothing and still record the donation', async () => {
    const created = await create({ method: 'check', payment_token: undefined });
    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    await donationsCount(created.id, 1);
    expect(await donationsOf(created.id)).toMatchObject([{ method: 'check', status: 'succeeded', payout: '0.00' }]);
    expect(await charges(created.id)).toBe(0);
  });

  it('a paused plan and a canceled plan are not billed', async () => {
    const created = await create();
    await app.request('PATCH', `/v1/recurring-plans/${String(created.id)}`, { headers, body: { status: 'paused' } });
    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    expect(await donationsOf(created.id)).toEqual([]);

    const canceled = await create();
    await app.request('POST', `/v1/recurring-plans/${String(canceled.id)}/cancel`, { headers });
    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    expect(await donationsOf(canceled.id)).toEqual([]);
  });

  it('a plan whose campaign was archived is charged nothing and becomes past_due', async () => {
    const campaign = await app.request('POST', '/v1/campaigns', {
      headers,
      body: { title: 'Court', slug: `court-${Date.now()}`, goal: '100.00' },
    });
    const archivedId = String((campaign.body.data as Json).id);
    const created = await create({ campaign_id: archivedId });
    expect((await app.request('POST', `/v1/campaigns/${archivedId}/archive`, { headers })).status).toBe(200);
    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    expect((await plan(created.id)).status).toBe('past_due');
    expect(await charges(created.id)).toBe(0);
  });

  it('ends a plan once its next bill date passes end_at', async () => {
    const created = await create({ end_at: '2030-03-15T00:00:00Z' });
    await billing().tick(new Date('2030-02-01T00:00:00Z'));
    await billing().tick(new Date('2030-03-01T00:00:00Z'));
    expect(await plan(created.id)).toMatchObject({ status: 'ended', next_bill_date: null });
    expect(await donationsCount(created.id, 2)).toBe(2);
    await billing().tick(new Date('2030-04-01T00:00:00Z'));
    expect(await donationsOf(created.id)).toHaveLength(2);
  });

  it('two ticks at once, and two apps on one database, bill each period once: one charge, one donation', async () => {
    const created = await create();
    const now = new Date('2030-02-01T00:00:00Z');
    await Promise.all([billing().tick(now), billing().tick(now)]);
    expect(await donationsCount(created.id, 1)).toBe(1);

    const second = await startTestApp({ DATABASE_URL: app.databaseUrl });
    try {
      const later = new Date('2030-03-01T00:00:00Z');
      await Promise.all([
        billing().tick(later),
        second.running.workers.get('plan-billing')!.tick(later),
        billing().tick(later),
      ]);
      expect(await donationsCount(created.id, 2)).toBe(2);
      expect(await charges(created.id)).toBe(2);
      expect((await plan(created.id)).next_bill_date).toBe('2030-03-31T09:00:00.000Z');
      const billed = await app
        .knex('gs_events')
        .where({ type: 'PlanBilled', stream_name: `recurringplan-${String(created.id)}` })
        .count<Array<{ count: string }>>({ count: '*' });
      expect(Number(billed[0]!.count)).toBe(2);
    } finally {
      await second.stop();
    }
  });
});
