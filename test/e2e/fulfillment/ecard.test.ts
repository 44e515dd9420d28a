import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { newProgram, newPromotion, newReward, orderBody, type Json, type Program } from './helpers.js';

/** The PDF's text as a third-party reader (poppler's pdftotext) sees it; a missing pdftotext fails the test. */
function pdfText(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ecard-')), 'card.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

describe('the e-card over HTTP', () => {
  let app: TestApp;
  let program: Program;
  const card = async (id: string, accept?: string) => {
    const response = await fetch(`${app.baseUrl}/v1/orders/${id}/card`, {
      headers: { ...program.headers, ...(accept ? { Accept: accept } : {}) },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    app = await startTestApp();
    program = await newProgram(app, 'Les Arbres');
  });
  afterAll(async () => {
    await app.stop();
  });

  it('is a real PDF a third-party reader finds the code and the order_id in, the same bytes every time', async () => {
    const promotionId = await newPromotion(program, ['SANDBOX-GIFT-10EUR']);
    const body = orderBody(promotionId, 'SANDBOX-GIFT-10EUR');
    const order = (await program.post('/v1/orders', body)).body.data as Json;
    const code = String((order.reward_codes as { codes: Json[] }).codes[0]!.value);
    const first = await card(String(order.id));
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('Content-Type')).toBe('application/pdf');
    expect(first.response.headers.get('Content-Disposition')).toBe(
      `inline; filename="order-${body.data.order_id}.pdf"`,
    );
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.bytes.subarray(-8).toString()).toContain('%%EOF');
    const text = pdfText(first.bytes);
    expect(text).toContain(code);
    expect(text).toContain(body.data.order_id);
    expect(text).toContain('Les Arbres');
    expect(text).toContain('10.00 EUR');
    const again = await card(String(order.id), '*/*');
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it('answers 406 to an Accept that excludes PDF and for a reward without pdf media, 422 without a code', async () => {
    const sku = await newReward(app, { media: ['code'] });
    const promotionId = await newPromotion(program, [sku, 'SANDBOX-FAIL']);
    const plain = (await program.post('/v1/orders', orderBody(promotionId, sku))).body.data as Json;
    const failed = (await program.post('/v1/orders', orderBody(promotionId, 'SANDBOX-FAIL'))).body.data as Json;
    const json = await card(String(failed.id), 'application/json');
    expect(json.response.status).toBe(406);
    const noMedia = await card(String(plain.id));
    expect(noMedia.response.status).toBe(406);
    const noCode = await card(String(failed.id));
    expect(noCode.response.status).toBe(422);
    expect(JSON.parse(noCode.bytes.toString())).toMatchObject({ error_name: 'operation_refused' });
    const other = await newProgram(app, 'Other');
    const theirs = await fetch(`${app.baseUrl}/v1/orders/${String(plain.id)}/card`, { headers: other.headers });
    expect(theirs.status).toBe(404);
  });
});
