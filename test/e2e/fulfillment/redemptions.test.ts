import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, orderBody, type Json, type Program } from './helpers.js';

const GIFT = 'SANDBOX-GIFT-10EUR';

describe('fulfillment links, tokens and redemptions over HTTP', () => {
  let app: TestApp;
  let program: Program;
  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app, 'Redemption program');
  });
  afterAll(async () => {
    await app.stop();
  });

  const anonymous = (body: unknown) => app.request('POST', '/v1/redemptions', { body });
  const linkOrder = async (promotionId: string, extra: Json = {}) => {
    const placed = await program.post(
      '/v1/orders',
      orderBody(promotionId, GIFT, { delivery: { method: 'link' }, ...extra }),
    );
    expect(placed.status).toBe(201);
    const order = placed.body.data as Json;
    const url = String((order.delivery as Json).redemption_url);
    return { order, claimCode: decodeURIComponent(url.slice(url.lastIndexOf('/') + 1)) };
  };
  const issue = async (promotionId: string, count: number) => {
    const issued = await program.post(`/v1/promotions/${promotionId}/tokens`, { data: { count } });
    expect(issued.status).toBe(201);
    return (issued.body.data as { tokens: string[] }).tokens;
  };

  it('places a link order pending with its redemption URL; the claim page shows no code; a token claims it once', async () => {
    const promotionId = await newPromotion(program, [GIFT], '1000.00', { authentication_systems: ['token'] });
    const { order, claimCode } = await linkOrder(promotionId);
    expect(order).toMatchObject({ status: 'pending', reward_codes: null });
    expect(order.expiration_datetime).not.toBeNull();
    const page = await app.request('GET', `/v1/claims/${encodeURIComponent(claimCode)}`);
    expect(page.status).toBe(200);
    expect(page.body.data).toMatchObject({
      status: 'pending',
      authentication_systems: ['token'],
      reward: { sku: GIFT },
    });
    expect((await app.request('GET', '/v1/claims/no-such-code')).status).toBe(404);
    const [token] = await issue(promotionId, 1);
    const listed = (await program.get(`/v1/promotions/${promotionId}/tokens`)).body.data as Json[];
    expect(listed).toEqual([expect.objectContaining({ token_hint: token!.slice(-4), status: 'available' })]);

    expect((await anonymous({ data: { claim_code: claimCode } })).body).toMatchObject({
      error_name: 'authentication_system_not_supported',
    });
    expect((await anonymous({ data: { claim_code: claimCode, token: 'WRONGTOKEN1' } })).body).toMatchObject({
      error_name: 'invalid_token',
    });
    expect((await anonymous({ data: { claim_code: claimCode, token, user: { id: 'u1' } } })).status).toBe(401);
    const redeemed = await anonymous({ data: { claim_code: claimCode, token } });
    expect(redeemed.status).toBe(201);
    const redemption = redeemed.body.data as Json;
    expect(redemption).toMatchObject({ authentication_system: 'token', token_hint: token!.slice(-4) });
    expect(String(((redemption.reward_codes as Json).codes as Json[])[0]!.value)).toMatch(/^SBX-/);
    const again = await anonymous({ data: { claim_code: claimCode, token } });
    expect(again.status).toBe(200);
    expect((again.body.data as Json).id).toBe(redemption.id);
    expect(((await program.get(`/v1/orders/${String(order.id)}`)).body.data as Json).status).toBe('delivered');
    expect((await program.get(`/v1/redemptions/${String(redemption.id)}`)).status).toBe(200);
    expect(((await program.get(`/v1/redemptions?promotion_id=${promotionId}`)).body.data as Json[]).length).toBe(1);
  });

  it('gives one success and one invalid_token to two concurrent redemptions with one token', async () => {
    const promotionId = await newPromotion(program, [GIFT], '1000.00', { authentication_systems: ['token'] });
    const [token] = await issue(promotionId, 1);
    const [a, b] = [await linkOrder(promotionId), await linkOrder(promotionId)];
    const answers = await Promise.all([
      anonymous({ data: { claim_code: a.claimCode, token } }),
      anonymous({ data: { claim_code: b.claimCode, token } }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(answers.find((r) => r.status === 422)!.body).toMatchObject({ error_name: 'invalid_token' });
    const revoked = await program.post(`/v1/promotions/${promotionId}/tokens/revoke`, { data: { tokens: [token] } });
    expect(revoked.body.data).toEqual({ revoked: 0 });
  });

  it('binds the user: invalid_user off the allow-list, user_mismatch for another, and form (b) creates and redeems', async () => {
    const promotionId = await newPromotion(program, [GIFT], '1000.00', { authentication_systems: ['user_id'] });
    expect((await program.post(`/v1/promotions/${promotionId}/users`, { data: { user_ids: ['L1'] } })).status).toBe(
      200,
    );
    const { claimCode } = await linkOrder(promotionId, { user: { id: 'L1' } });
    const claim = (userId: string) =>
      program.post('/v1/redemptions', { data: { claim_code: claimCode, user: { id: userId } } });
    expect((await claim('L2')).body).toMatchObject({ error_name: 'invalid_user' });
    expect((await program.post(`/v1/promotions/${promotionId}/users`, { data: { user_ids: ['L2'] } })).status).toBe(
      200,
    );
    expect((await claim('L2')).body).toMatchObject({ error_name: 'user_mismatch' });
    expect((await claim('L1')).status).toBe(201);
    const created = await program.post('/v1/redemptions', {
      data: { ...orderBody(promotionId, GIFT).data, delivery: { method: 'none' }, user: { id: 'L2' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ user: { id: 'L2' }, authentication_system: 'user_id' });
    const program2 = await newProgram(app, 'Other');
    expect(
      (await program2.post('/v1/redemptions', { data: { claim_code: claimCode, user: { id: 'L1' } } })).status,
    ).toBe(404);
    expect(
      (await app.request('DELETE', `/v1/promotions/${promotionId}/users/L2`, { headers: program.headers })).status,
    ).toBe(204);
  });

  it('answers 429 after five failed proofs a minute for one claim code', async () => {
    const promotionId = await newPromotion(program, [GIFT], '1000.00', { authentication_systems: ['token'] });
    const { claimCode } = await linkOrder(promotionId);
    for (let i = 0; i < 5; i++)
      expect((await anonymous({ data: { claim_code: claimCode, token: `BADTOKEN${i}` } })).status).toBe(422);
    const limited = await anonymous({ data: { claim_code: claimCode, token: 'BADTOKEN9' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('expires an unredeemed link after link_ttl_days and releases its budget', async () => {
    const promotionId = await newPromotion(program, [GIFT], '1000.00', { link_ttl_days: 1 });
    const { order } = await linkOrder(promotionId);
    const expiry = app.running.workers.get('fulfillment-link-expiry')!;
    expect(await expiry.tick(new Date(Date.now() + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => ((await program.get(`/v1/orders/${String(order.id)}`)).body.data as Json).status, {
        timeout: 15_000,
      })
      .toBe('expired');
    await expect
      .poll(async () => ((await program.get(`/v1/promotions/${promotionId}`)).body.data as Json).budget_reserved, {
        timeout: 15_000,
      })
      .toBe('0.00');
  });
});
