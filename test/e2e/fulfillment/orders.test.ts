import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { admin, newProgram, newPromotion, newReward, orderBody, type Json } from './helpers.js';

describe('fulfillment orders over HTTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('lists the sandbox catalogue at start', async () => {
    const program = await newProgram(app);
    const answer = await program.get('/v1/rewards?provider=sandbox');
    expect(answer.status).toBe(200);
    // Listed at start; on a loaded machine the read model may answer before it has caught up with the last one.
    await expect
      .poll(async () => ((await program.get('/v1/rewards?provider=sandbox')).body.data as Json[]).map((r) => r.sku), {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(['SANDBOX-GIFT-10EUR', 'SANDBOX-VAR-EUR', 'SANDBOX-FAIL', 'SANDBOX-SLOW']));
    const variable = await program.get('/v1/rewards/SANDBOX-VAR-EUR');
    expect(variable.body.data).toMatchObject({
      denomination_type: 'variable',
      min_value: '5.00',
      max_value: '500.00',
      face_value: null,
      in_stock: true,
      stock_quantity: null,
    });
  });

  it('delivers a none order at once with a sandbox code derived from the order id', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR']);
    const body = orderBody(promotionId, 'SANDBOX-GIFT-10EUR', { user: { id: 'L987', email: 'Camille@Example.org' } });
    const placed = await program.post('/v1/orders', body);
    expect(placed.status).toBe(201);
    const order = placed.body.data as Json;
    expect(order).toMatchObject({
      order_id: body.data.order_id,
      status: 'delivered',
      testing: true,
      value: { amount: '10.00', currency: 'EUR' },
      user: { id: 'L987', email: 'camille@example.org' },
      reward: { sku: 'SANDBOX-GIFT-10EUR', provider: { id: 'sandbox' } },
    });
    const codes = (order.reward_codes as { codes: Json[] }).codes;
    expect(codes[0]!.value).toMatch(/^SBX-[0-9A-F]{4}-/);
    const promotion = (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json;
    expect(promotion).toMatchObject({ budget_spent: '10.00', budget_reserved: '0.00', budget_remaining: '990.00' });
    // Sealed at rest: neither the event log nor the read model holds the code or the email in clear.
    const value = String(codes[0]!.value);
    const { rows } = await app.knex.raw<{ rows: unknown[] }>(
      `select 1 from gs_events where data::text like ? or data::text like ?`,
      [`%${value}%`, '%camille@example.org%'],
    );
    expect(rows).toHaveLength(0);
    const stored: unknown = await app.knex('rm_fulfillment_orders').where({ id: order.id }).first();
    expect(JSON.stringify(stored)).not.toContain(value);
  });

  it('replays the same order_id with the same normalised body: 200, Idempotent-Replayed, the same code', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR']);
    const body = orderBody(promotionId, 'SANDBOX-GIFT-10EUR');
    const first = await program.post('/v1/orders', body);
    expect(first.status).toBe(201);
    const again = await program.post('/v1/orders', {
      data: { ...body.data, reward: { sku: 'SANDBOX-GIFT-10EUR', value: { amount: '10', currency: 'EUR' } } },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body.data).toEqual(first.body.data);
    const list = await program.get(`/v1/orders?order_id=${body.data.order_id}`);
    expect(list.body.paging).toMatchObject({ total: 1 });
  });

  it('refuses the same order_id with another body: 409 with one detail per differing field and Location', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR', 'SANDBOX-VAR-EUR']);
    const body = orderBody(promotionId, 'SANDBOX-GIFT-10EUR');
    const first = await program.post('/v1/orders', body);
    const other = await program.post('/v1/orders', {
      data: {
        ...body.data,
        reward: { sku: 'SANDBOX-VAR-EUR', value: { amount: '25.00', currency: 'EUR' } },
        user: { email: 'someone@example.org' },
      },
    });
    expect(other.status).toBe(409);
    expect(other.body.error_name).toBe('conflict_uniqueness');
    const fields = (other.body.details as Json[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['reward.sku', 'reward.value.amount', 'user.email']));
    expect(fields).not.toContain('promotion_id');
    expect(other.headers.get('Location')).toBe(`/v1/orders/${String((first.body.data as Json).id)}`);
  });

  it('gives concurrent identical creates one 201 and 200 to the rest, one order', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR']);
    const body = orderBody(promotionId, 'SANDBOX-GIFT-10EUR');
    const answers = await Promise.all(Array.from({ length: 8 }, () => program.post('/v1/orders', body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const promotion = (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json;
    expect(promotion.budget_remaining).toBe('990.00');
  });

  it('gives 10 units of stock to exactly 10 of 50 racing clients; the others get out_of_stock and hold nothing', async () => {
    const program = await newProgram(app);
    const sku = await newReward(app, { stock_quantity: 10 });
    const promotionId = await newPromotion(program, [sku], '10000.00');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => program.post('/v1/orders', orderBody(promotionId, sku))),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 422)).toHaveLength(40);
    for (const refused of answers.filter((a) => a.status === 422))
      expect(refused.body).toMatchObject({
        error_name: 'operation_refused',
        details: expect.arrayContaining([{ field: 'reward.sku', message: 'out_of_stock' }]) as unknown,
      });
    const reward = (await program.get(`/v1/rewards/${sku}`)).body.data as Json;
    expect(reward).toMatchObject({ stock_quantity: 0, in_stock: false });
    // The refusals released what they held before answering; the read model catches up with the last release.
    await expect
      .poll(async () => (await program.get(`/v1/promotions/${promotionId}`)).body.data as Json, { timeout: 20_000 })
      .toMatchObject({ budget_spent: '100.00', budget_reserved: '0.00' });
  });

  it('gives the last of the budget to one of two racers: budget_exceeded for the other', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR'], '10.00');
    const [a, b] = await Promise.all([
      program.post('/v1/orders', orderBody(promotionId, 'SANDBOX-GIFT-10EUR')),
      program.post('/v1/orders', orderBody(promotionId, 'SANDBOX-GIFT-10EUR')),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    const refused = a.status === 422 ? a : b;
    expect(refused.body.details).toEqual(
      expect.arrayContaining([{ field: 'reward.value', message: 'budget_exceeded' }]),
    );
    expect((await program.get(`/v1/promotions/${promotionId}`)).body.data).toMatchObject({
      budget_remaining: '0.00',
    });
  });

  it('fails a SANDBOX-FAIL order, retries it on replay, and cancels it releasing its budget', async () => {
    const program = await newProgram(app);
    const promotionId = await newPromotion(program, ['SANDBOX-FAIL'], '50.00');
    const body = orderBody(promotionId, 'SANDBOX-FAIL');
    const placed = await program.post('/v1/orders', body);
    expect(placed.status).toBe(201);
    expect(placed.body.data).toMatchObject({ status: 'failed', reward_codes: null });
    expect((placed.body.data as Json).failure_reason).toContain('SANDBOX-FAIL');
    const replayed = await program.post('/v1/orders', body);
    expect(replayed.status).toBe(200);
    expect(replayed.body.data).toMatchObject({ status: 'failed' });
    expect(Number(replayed.body.version)).toBeGreaterThan(Number(placed.body.version));
    const id = String((placed.body.data as Json).id);
    const canceled = await program.post(`/v1/orders/${id}/cancel`, {});
    expect(canceled.status).toBe(200);
    expect(canceled.body.data).toMatchObject({ status: 'canceled' });
    const again = await program.post(`/v1/orders/${id}/cancel`, {});
    expect(again.status).toBe(422);
    expect(again.body.error_name).toBe('operation_refused');
    await expect
      .poll(async () => ((await program.get(`/v1/promotions/${promotionId}`)).body.data as Json).budget_remaining, {
        timeout: 20_000,
      })
      .toBe('50.00');
  });

  it('refuses what it cannot place and stores nothing', async () => {
    const program = await newProgram(app);
    const other = await newProgram(app, 'Other');
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR', 'SANDBOX-VAR-EUR']);
    const paused = await newPromotion(program, ['SANDBOX-GIFT-10EUR'], '100.00', { status: 'paused' });
    const cases: Array<[unknown, number, string]> = [
      [orderBody(promotionId, 'SANDBOX-GIFT-10EUR').data, 422, 'invalid_request'],
      [orderBody(promotionId, 'SANDBOX-VAR-EUR'), 422, 'invalid_request'],
      [
        orderBody(promotionId, 'SANDBOX-GIFT-10EUR', {
          reward: { sku: 'SANDBOX-GIFT-10EUR', value: { amount: '12.00', currency: 'EUR' } },
        }),
        422,
        'invalid_request',
      ],
      [orderBody(promotionId, 'SANDBOX-GIFT-10EUR', { delivery: { method: 'email' } }), 422, 'invalid_request'],
      [orderBody(promotionId, 'SANDBOX-GIFT-10EUR', { order_id: 'has spaces' }), 422, 'invalid_request'],
      [orderBody(promotionId, 'SANDBOX-GIFT-10EUR', { delivery: { method: 'post' } }), 422, 'invalid_request'],
      [orderBody(promotionId, 'NO-SUCH-SKU'), 404, 'not_found'],
      [orderBody(promotionId, 'SANDBOX-FAIL'), 422, 'operation_refused'],
      [orderBody(paused, 'SANDBOX-GIFT-10EUR'), 422, 'operation_refused'],
    ];
    for (const [body, status, name] of cases) {
      const answer = await program.post('/v1/orders', body);
      expect([answer.status, answer.body.error_name]).toEqual([status, name]);
    }
    const theirs = await other.post('/v1/orders', orderBody(promotionId, 'SANDBOX-GIFT-10EUR'));
    expect([theirs.status, theirs.body.error_name]).toEqual([404, 'not_found']);
    expect((await program.get('/v1/orders')).body.paging).toMatchObject({ total: 0 });
    expect((await program.get(`/v1/promotions/${promotionId}`)).body.data).toMatchObject({ budget_reserved: '0.00' });
  });

  it('lists, restocks and updates catalogue rewards as an operator, with If-Match', async () => {
    const program = await newProgram(app);
    const sku = await newReward(app, { stock_quantity: 2 });
    const taken = await admin(app).post('/v1/admin/rewards', {
      data: {
        sku,
        name: 'x',
        provider: { id: 'p', name: 'P' },
        denomination_type: 'fixed',
        face_value: '1.00',
        currency: 'EUR',
        countries: ['FR'],
      },
    });
    expect(taken.status).toBe(409);
    const removed = await admin(app).post(`/v1/admin/rewards/${sku}/stock`, { data: { quantity: -3 } });
    expect([removed.status, removed.body.error_name]).toEqual([422, 'operation_refused']);
    const added = await admin(app).post(`/v1/admin/rewards/${sku}/stock`, { data: { quantity: 5 } });
    expect(added.body.data).toMatchObject({ stock_quantity: 7 });
    const stale = await admin(app).patch(
      `/v1/admin/rewards/${sku}`,
      { data: { status: 'paused' } },
      { 'If-Match': '"0"' },
    );
    expect(stale.status).toBe(412);
    const paused = await admin(app).patch(
      `/v1/admin/rewards/${sku}`,
      { data: { status: 'paused' } },
      { 'If-Match': `"${String(added.body.version)}"` },
    );
    expect(paused.body.data).toMatchObject({ status: 'paused' });
    const forbidden = await program.post('/v1/admin/rewards', { data: {} });
    expect(forbidden.status).toBe(403);
    const flat = await admin(app).post('/v1/admin/rewards', { sku: 'FLAT' });
    expect([flat.status, flat.body.error_name]).toEqual([422, 'invalid_request']);
  });
});
