import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { bearer, type Json } from '../support.js';
import { jpeg, pdf, scanCustomer, scanHub, type ScanHub } from './support.js';
import { receiptsWorld } from './world.js';

describe('hub receipts (flows 1.5 and 4) over HTTP, webhooks to a real receiver: images, isolation and erasure', () => {
  const world = receiptsWorld();
  const { post } = world;
  let app: TestApp;
  let receiver: Receiver;
  let hub: ScanHub;
  beforeAll(() => {
    ({ app, receiver, hub } = world);
  });

  it('serves the image by its real type, nosniff, a PDF as an attachment; another customer or program 404', async () => {
    const me = await scanCustomer(app, hub, '6');
    const other = await scanCustomer(app, hub, '6');
    const bytes = pdf();
    const answer = await post(me.token, 'IMG_0002.jpg', bytes);
    expect(answer.status).toBe(201);
    const { receiptId } = answer.body.data as Json;
    const image = await fetch(`${app.baseUrl}/v1/hub/receipts/${String(receiptId)}/image`, {
      headers: bearer(me.token),
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('application/pdf');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await image.arrayBuffer()).equals(bytes)).toBe(true);
    const byProgram = await fetch(`${app.baseUrl}/v1/hub/receipts/${String(receiptId)}/image`, {
      headers: hub.program,
    });
    expect(byProgram.status).toBe(200);
    const byOther = await app.request('GET', `/v1/hub/receipts/${String(receiptId)}/image`, {
      headers: bearer(other.token),
    });
    expect(byOther.status).toBe(404);
    const foreign = await scanHub(app, receiver, 'mall-foreign');
    const byForeign = await app.request('GET', `/v1/hub/receipts/${String(receiptId)}/image`, {
      headers: foreign.program,
    });
    expect(byForeign.status).toBe(404);
    const patchForeign = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: foreign.program,
      body: { status: 'pending' },
    });
    expect(patchForeign.status).toBe(404);
    const theirs = await app.request('PATCH', `/v1/hub/customer/receipts/${String(receiptId)}`, {
      headers: bearer(other.token),
      body: { storeId: 'A-1' },
    });
    expect(theirs.status).toBe(404);
    const jpegAnswer = await post(me.token, 'IMG_0003.jpg');
    const jpegImage = await fetch(
      `${app.baseUrl}/v1/hub/receipts/${String((jpegAnswer.body.data as Json).receiptId)}/image`,
      { headers: bearer(me.token) },
    );
    expect(jpegImage.headers.get('content-type')).toBe('image/jpeg');
    expect(jpegImage.headers.get('content-disposition')).toMatch(/^inline;/);
  });

  it('stores the same bytes once, and deleting the customer erases their images (flow 1.8)', async () => {
    const me = await scanCustomer(app, hub, '6');
    const bytes = jpeg(4096);
    const a = await post(me.token, 'IMG_A.jpg', bytes);
    const b = await post(me.token, 'IMG_B.jpg', bytes);
    const [ra, rb] = [a, b].map((x) => String((x.body.data as Json).receiptId));
    const rows = await app
      .knex('rm_hub_receipts')
      .whereIn('id', [ra!, rb!])
      .select<{ image_digest: string }[]>('image_digest');
    const digests = rows.map((r) => r.image_digest);
    expect(new Set(digests).size).toBe(1);
    expect(await app.knex('hub_blobs').where({ digest: digests[0] }).count({ n: '*' })).toEqual([{ n: '1' }]);
    const deleted = await app.request('DELETE', '/v1/hub/customer', { headers: bearer(me.token) });
    expect(deleted.status).toBe(204);
    const digest = digests[0]!;
    await until(async () => (await app.knex('hub_blobs').where({ digest }).select('digest')).length === 0);
    const gone = await app.request('GET', `/v1/hub/receipts/${ra}/image`, { headers: hub.program });
    expect(gone.status).toBe(404);
  });
});
