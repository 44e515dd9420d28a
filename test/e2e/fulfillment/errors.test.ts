import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, startTestApp, type Answer, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, orderBody, type Json, type Program } from './helpers.js';

/* Each error name of api-fulfillment.md's error table, reached over HTTP where the table says it is produced. */

const GIFT = 'SANDBOX-GIFT-10EUR';

describe('the fulfillment error table over HTTP', () => {
  let app: TestApp;
  let program: Program;
  let promotionId: string;
  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app, 'Error table program');
    promotionId = await newPromotion(program, [GIFT]);
  });
  afterAll(async () => {
    await app.stop();
  });

  const refusal = (answer: Answer) => [answer.status, answer.body.error_name];
  const anonymous = (body: unknown) => app.request('POST', '/v1/redemptions', { body });
  /** A pending link order of a promotion with these authentication systems, and its claim code. */
  const linkOrder = async (systems: string[], user?: Json) => {
    const promotion = await newPromotion(program, [GIFT], '100.00', { authentication_systems: systems });
    const extra = { delivery: { method: 'link' }, ...(user ? { user } : {}) };
    const placed = await program.post('/v1/orders', orderBody(promotion, GIFT, extra));
    const url = String(((placed.body.data as Json).delivery as Json).redemption_url);
    return decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
  };

  it('bad_request: a body that is not JSON, an unparsable query', async () => {
    const response = await fetch(`${app.baseUrl}/v1/orders`, {
      method: 'POST',
      headers: { ...program.headers, 'Content-Type': 'application/json' },
      body: '{"data": {',
    });
    expect([response.status, ((await response.json()) as Json).error_name]).toEqual([400, 'bad_request']);
    expect(refusal(await program.get('/v1/orders?from=yesterday'))).toEqual([400, 'bad_request']);
  });

  it('sorting_limit_exceeded: page × per_page above 5000 on every list', async () => {
    for (const path of ['/v1/orders', '/v1/promotions', '/v1/redemptions', '/v1/rewards'])
      expect(refusal(await program.get(`${path}?page=51&per_page=100`))).toEqual([400, 'sorting_limit_exceeded']);
  });

  it('unauthorized and forbidden: no credentials; program credentials on an admin route, the admin on a program one', async () => {
    expect(refusal(await app.request('GET', '/v1/orders'))).toEqual([401, 'unauthorized']);
    expect(refusal(await program.post('/v1/admin/rewards', { data: {} }))).toEqual([403, 'forbidden']);
    const asAdmin = await app.request('GET', '/v1/orders', {
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(refusal(asAdmin)).toEqual([403, 'forbidden']);
  });

  it('conflict: an Idempotency-Key sent again with another body', async () => {
    const key = { 'Idempotency-Key': randomUUID() };
    expect((await program.post('/v1/orders', orderBody(promotionId, GIFT), key)).status).toBe(201);
    expect(refusal(await program.post('/v1/orders', orderBody(promotionId, GIFT), key))).toEqual([409, 'conflict']);
  });

  it('conflict_uniqueness, invalid_request, not_found and operation_refused on orders', async () => {
    const body = orderBody(promotionId, GIFT);
    const placed = await program.post('/v1/orders', body);
    expect(placed.status).toBe(201);
    const other = { data: { ...body.data, delivery: { method: 'link' } } };
    expect(refusal(await program.post('/v1/orders', other))).toEqual([409, 'conflict_uniqueness']);
    expect(refusal(await program.post('/v1/orders', body.data))).toEqual([422, 'invalid_request']);
    expect(refusal(await program.get(`/v1/orders/${randomUUID()}`))).toEqual([404, 'not_found']);
    const id = String((placed.body.data as Json).id);
    expect(refusal(await program.post(`/v1/orders/${id}/cancel`, {}))).toEqual([422, 'operation_refused']);
  });

  it('precondition_failed and not_acceptable on a promotion', async () => {
    const stale = await program.patch(
      `/v1/promotions/${promotionId}`,
      { data: { name: 'Renamed' } },
      { 'If-Match': '"99"' },
    );
    expect(refusal(stale)).toEqual([412, 'precondition_failed']);
    const pdf = await program.get(`/v1/promotions/${promotionId}`, { Accept: 'application/pdf' });
    expect(refusal(pdf)).toEqual([406, 'not_acceptable']);
  });

  it('the redemption errors: authentication_system_not_supported, invalid_token, invalid_user, user_mismatch', async () => {
    const tokenOnly = await linkOrder(['token']);
    expect(refusal(await anonymous({ data: { claim_code: tokenOnly } }))).toEqual([
      422,
      'authentication_system_not_supported',
    ]);
    expect(refusal(await anonymous({ data: { claim_code: tokenOnly, token: 'NOSUCHTOKEN1' } }))).toEqual([
      422,
      'invalid_token',
    ]);
    const byUser = await linkOrder(['user_id'], { id: 'u1' });
    expect(refusal(await program.post('/v1/redemptions', { data: { claim_code: byUser, user: { id: '' } } }))).toEqual([
      422,
      'invalid_user',
    ]);
    expect(
      refusal(await program.post('/v1/redemptions', { data: { claim_code: byUser, user: { id: 'u2' } } })),
    ).toEqual([422, 'user_mismatch']);
  });
});
