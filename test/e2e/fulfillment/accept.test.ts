import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, newReward, orderBody, type Json, type Program } from './helpers.js';

describe('fulfillment e-cards by Accept on GET /v1/orders/:id', () => {
  let app: TestApp;
  let program: Program;
  let promotionId: string;
  let codeOnly: string;
  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app, 'Accept program');
    codeOnly = await newReward(app, { media: ['code'] });
    promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR', codeOnly]);
  });
  afterAll(async () => {
    await app.stop();
  });

  const place = async (sku: string, extra: Json = {}) =>
    String(((await program.post('/v1/orders', orderBody(promotionId, sku, extra))).body.data as Json).id);
  const get = (id: string, accept: string) =>
    fetch(`${app.baseUrl}/v1/orders/${id}`, { headers: { ...program.headers, Accept: accept } });

  it('serves the PDF when Accept ranks it above JSON, JSON on a tie or */*, and 406 for neither', async () => {
    const id = await place('SANDBOX-GIFT-10EUR');
    const pdf = await get(id, 'application/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const ranked = await get(id, 'application/json;q=0.4, application/pdf;q=0.9');
    expect(ranked.headers.get('content-type')).toBe('application/pdf');
    for (const accept of ['*/*', 'application/json, application/pdf', 'application/pdf;q=0.5, application/json'])
      expect((await get(id, accept)).headers.get('content-type')).toMatch(/^application\/json/);
    const neither = await get(id, 'text/html');
    expect(neither.status).toBe(406);
    expect(((await neither.json()) as Json).error_name).toBe('not_acceptable');
  });

  it('answers 406 for a reward without pdf media, 422 for an order without a code, 406 on the list', async () => {
    const codeOnlyOrder = await place(codeOnly);
    expect((await get(codeOnlyOrder, 'application/pdf')).status).toBe(406);
    const link = await place('SANDBOX-GIFT-10EUR', { delivery: { method: 'link' } });
    const pending = await get(link, 'application/pdf');
    expect(pending.status).toBe(422);
    expect(((await pending.json()) as Json).error_name).toBe('operation_refused');
    const list = await fetch(`${app.baseUrl}/v1/orders`, {
      headers: { ...program.headers, Accept: 'application/pdf' },
    });
    expect(list.status).toBe(406);
  });

  it('answers a redemption, created or read, as its e-card when Accept asks for it; the list only as JSON', async () => {
    const headers = { ...program.headers, 'Content-Type': 'application/json', Accept: 'application/pdf' };
    const body = { data: { ...orderBody(promotionId, 'SANDBOX-GIFT-10EUR').data } };
    const created = await fetch(`${app.baseUrl}/v1/redemptions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    expect(
      Buffer.from(await created.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const listed = (await program.get('/v1/redemptions')).body.data as Json[];
    const one = await fetch(`${app.baseUrl}/v1/redemptions/${String(listed[0]!.id)}`, { headers });
    expect(one.headers.get('content-type')).toBe('application/pdf');
    expect((await fetch(`${app.baseUrl}/v1/redemptions`, { headers })).status).toBe(406);
  });
});
