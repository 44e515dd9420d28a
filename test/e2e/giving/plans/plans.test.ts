import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';

type Json = Record<string, unknown>;

/** Start dates years ahead, so the worker's own timer (real time) never finds these plans due. */
const START = '2030-01-31T09:00:00.000Z';

describe('recurring plans', () => {
  let app: TestApp;
  let headers: Record<string, string>;
  let otherHeaders: Record<string, string>;
  let CAMPAIGN: string;
  let SECOND_CAMPAIGN: string;
  const campaign = async (as: Record<string, string>, slug: string) => {
    const answer = await app.request('POST', '/v1/campaigns', {
      headers: as,
      body: { title: slug, slug: `${slug}-${Date.now()}`, goal: '1000.00' },
    });
    expect(answer.status).toBe(201);
    return String((answer.body.data as Json).id);
  };
  beforeAll(async () => {
    app = await startTestApp();
    const credentials = async (name: string) => {
      const program = (await app.createProgram({ name })).data as { api_key: string; api_secret: string };
      return { 'Api-Key': program.api_key, 'Api-Secret': program.api_secret };
    };
    headers = await credentials('Plans');
    otherHeaders = await credentials('Other program');
    CAMPAIGN = await campaign(headers, 'arbres');
    SECOND_CAMPAIGN = await campaign(headers, 'ecoles');
  });
  afterAll(async () => {
    await app.stop();
  });

  const planBody = (changes: Json = {}) => ({
    campaign_id: CAMPAIGN,
    frequency: 'monthly',
    amount: '20.00',
    currency: 'EUR',
    method: 'card',
    cover_fee: true,
    start_at: START,
    first_name: 'Camille',
    last_name: 'Durand',
    email: 'camille@example.org',
    payment_token: 'tok_visa',
    ...changes,
  });
  const create = async (changes: Json = {}) => {
    const answer = await app.request('POST', '/v1/recurring-plans', { headers, body: planBody(changes) });
    expect(answer.status).toBe(201);
    return answer.body.data as Json;
  };
  const patch = (id: unknown, body: Json, extra: Record<string, string> = {}) =>
    app.request('PATCH', `/v1/recurring-plans/${String(id)}`, { headers: { ...headers, ...extra }, body });

  it('creates a plan with every attribute of seed 002’s Plan object; the covered fee is the program’s card fee', async () => {
    const plan = await create();
    const anyString: unknown = expect.any(String);
    expect(plan).toEqual({
      id: anyString,
      campaign_id: CAMPAIGN,
      first_name: 'Camille',
      last_name: 'Durand',
      email: 'camille@example.org',
      phone: null,
      frequency: 'monthly',
      status: 'active',
      method: 'card',
      amount: '20.00',
      currency: 'EUR',
      cover_fee: true,
      // 2.90 % of 20.00 is 0.58, plus 0.30.
      fee_covered: '0.88',
      created_at: anyString,
      updated_at: anyString,
      start_at: START,
      end_at: null,
      next_bill_date: START,
    });
    const fetched = await app.request('GET', `/v1/recurring-plans/${String(plan.id)}`, { headers });
    expect(fetched.body).toEqual({ data: plan, version: 0 });
    expect(fetched.headers.get('etag')).toBe('"0"');
  });

  it('honours Idempotency-Key: the same request again returns the first plan and creates no second one', async () => {
    const send = () =>
      app.request('POST', '/v1/recurring-plans', {
        headers: { ...headers, 'Idempotency-Key': 'plan-once-1' },
        body: planBody({ email: 'once@example.org' }),
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect((again.body.data as Json).id).toBe((first.body.data as Json).id);
    const all = (await app.request('GET', '/v1/recurring-plans?per_page=100', { headers })).body.data as Json[];
    expect(all.filter((p) => p.email === 'once@example.org')).toHaveLength(1);
  });

  it('lists the program’s plans with paging, filtered by status and campaign', async () => {
    // A plan of its own in the first campaign, so the second page exists when it runs alone.
    await create();
    const other = await create({
      campaign_id: SECOND_CAMPAIGN,
      method: 'cash',
      payment_token: undefined,
      cover_fee: false,
    });
    await patch(other.id, { status: 'paused' });
    const byCampaign = await app.request('GET', `/v1/recurring-plans?campaign_id=${SECOND_CAMPAIGN}`, { headers });
    expect((byCampaign.body.data as Json[]).map((p) => p.id)).toEqual([other.id]);
    expect((byCampaign.body.data as Json[])[0]!.fee_covered).toBe('0.00');
    const paused = await app.request('GET', '/v1/recurring-plans?status=paused', { headers });
    expect((paused.body.data as Json[]).map((p) => p.id)).toEqual([other.id]);
    const page = await app.request('GET', '/v1/recurring-plans?per_page=1&page=2', { headers });
    expect(page.body.paging).toMatchObject({ page: 2, per_page: 1 });
    expect((page.body.paging as { total: number }).total).toBeGreaterThanOrEqual(2);
    expect((await app.request('GET', '/v1/recurring-plans?status=sleeping', { headers })).status).toBe(422);
  });

  it('pauses and resumes, changes amount and frequency, and answers 412 to a stale If-Match', async () => {
    const plan = await create();
    const paused = await patch(plan.id, { status: 'paused' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ data: { status: 'paused', next_bill_date: START }, version: 1 });
    const resumed = await patch(plan.id, { status: 'active' });
    expect(resumed.body).toMatchObject({ data: { status: 'active', next_bill_date: START }, version: 2 });

    expect((await patch(plan.id, { amount: '30.00' }, { 'If-Match': '"1"' })).status).toBe(412);
    const changed = await patch(plan.id, { amount: '25.00', frequency: 'quarterly' }, { 'If-Match': '"2"' });
    expect(changed.status).toBe(200);
    // 2.90 % of 25.00 is 0.725, rounded half up to 0.73, plus 0.30.
    expect(changed.body.data).toMatchObject({
      amount: '25.00',
      fee_covered: '1.03',
      frequency: 'quarterly',
      next_bill_date: START,
    });
    const same = await patch(plan.id, { amount: '25.00' });
    expect(same.body.version).toBe(changed.body.version);
  });

  it('cancels (twice is once), refuses changes afterwards, and deletes', async () => {
    const plan = await create();
    const path = `/v1/recurring-plans/${String(plan.id)}`;
    const canceled = await app.request('POST', `${path}/cancel`, { headers });
    expect(canceled.status).toBe(200);
    expect(canceled.body.data).toMatchObject({ status: 'canceled', next_bill_date: null });
    const again = await app.request('POST', `${path}/cancel`, { headers });
    expect(again.body.version).toBe(canceled.body.version);
    const refused = await patch(plan.id, { status: 'active' });
    expect(refused.status).toBe(422);
    expect(refused.body.error_name).toBe('operation_refused');

    expect((await app.request('DELETE', path, { headers })).status).toBe(204);
    expect((await app.request('GET', path, { headers })).status).toBe(404);
    const listed = (await app.request('GET', '/v1/recurring-plans?per_page=100', { headers })).body.data as Json[];
    expect(listed.map((p) => p.id)).not.toContain(plan.id);
  });

  it('refuses invalid plans with 422 and a detail per field', async () => {
    const invalid = async (changes: Json, field: string) => {
      const answer = await app.request('POST', '/v1/recurring-plans', { headers, body: planBody(changes) });
      expect(answer.status).toBe(422);
      expect((answer.body.details as Array<{ field: string }>).map((d) => d.field)).toContain(field);
    };
    await invalid({ frequency: 'weekly' }, 'frequency');
    await invalid({ amount: '0.00' }, 'amount');
    await invalid({ colour: 'blue' }, '');
    await invalid({ currency: 'USD' }, 'currency');
    await invalid({ method: 'check' }, 'payment_token');
    await invalid({ end_at: '2030-01-01T00:00:00Z' }, 'end_at');
    await invalid({ start_at: 'tomorrow' }, 'start_at');
    await invalid({ campaign_id: '00000000-0000-4000-8000-000000000000' }, 'campaign_id');
    await invalid({ campaign_id: await campaign(otherHeaders, 'ailleurs') }, 'campaign_id');
  });

  it('refuses a plan for an archived campaign with 422 operation_refused', async () => {
    const archived = await campaign(headers, 'fini');
    expect((await app.request('POST', `/v1/campaigns/${archived}/archive`, { headers })).status).toBe(200);
    const answer = await app.request('POST', '/v1/recurring-plans', {
      headers,
      body: planBody({ campaign_id: archived }),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error_name).toBe('operation_refused');
  });

  it('keeps programs apart: another program’s plan answers 404 everywhere and is never listed', async () => {
    const plan = await create();
    const path = `/v1/recurring-plans/${String(plan.id)}`;
    expect((await app.request('GET', path, { headers: otherHeaders })).status).toBe(404);
    expect((await app.request('PATCH', path, { headers: otherHeaders, body: { status: 'paused' } })).status).toBe(404);
    expect((await app.request('POST', `${path}/cancel`, { headers: otherHeaders })).status).toBe(404);
    expect((await app.request('DELETE', path, { headers: otherHeaders })).status).toBe(404);
    expect((await app.request('GET', '/v1/recurring-plans', { headers: otherHeaders })).body.data).toEqual([]);
    expect((await app.request('GET', path, { headers })).body.data).toMatchObject({ status: 'active' });
  });
});
