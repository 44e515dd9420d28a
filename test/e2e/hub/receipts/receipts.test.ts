import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTransactionIdOf } from '../../../../src/commands/hub/streams.js';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { ADMIN, bearer, type Json } from '../support.js';
import { runJob, startJourney, storeList, type Journey } from '../transactions/support.js';
import {
  compact,
  day,
  hooksOf,
  jpeg,
  pdf,
  registered,
  scanCustomer,
  scanHub,
  upload,
  type ScanHub,
} from './support.js';

describe('hub receipts (flows 1.5 and 4) over HTTP, webhooks to a real receiver', () => {
  let journey: Journey;
  let app: TestApp;
  let receiver: Receiver;
  let hub: ScanHub;
  beforeAll(async () => {
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
    });
    ({ app, receiver } = journey);
    hub = await scanHub(app, receiver, 'mall-scan');
  });
  afterAll(() => journey.stop());

  const receiptHooks = (receiptId: string) =>
    hooksOf(receiver, 'receipt_updated', hub.hubId).filter(({ body }) => body.receiptId === receiptId);
  /** The statuses sent for a receipt, sorted: deliveries of one append may arrive in either order. */
  const statuses = (receiptId: string) =>
    receiptHooks(receiptId)
      .map(({ body }) => String(body.status))
      .sort();
  const post = (token: string, filename: string, bytes = jpeg(), fields: Record<string, string> = {}) =>
    upload(app, '/v1/hub/customer/receipts', bearer(token), { filename, bytes, fields });

  it('registers a scan-only customer with a first receipt: validated, subscribed as scan, its transaction pushed with receiptId and timeOfPurchase', async () => {
    const r = await registered(app, hub, '6');
    const first = await upload(app, '/v1/hub/auth/first-receipt', bearer(r.registrationToken), {
      filename: `A-1_24.17_${compact(-2)}_1309.jpg`,
      bytes: jpeg(),
      fields: { customerId: r.customerId, optins: JSON.stringify([{ code: 'receipt', value: true }]) },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const { receiptId, status } = first.body.data as Json;
    expect(status).toBe('validated');

    await until(() => receiptHooks(String(receiptId)).length === 2);
    // One append holds the upload and its decision: their deliveries may arrive in either order.
    expect(
      receiptHooks(String(receiptId))
        .map(({ body }) => [body.status, body.rejectionReason])
        .sort(),
    ).toEqual([
      ['pending', null],
      ['validated', null],
    ]);
    await until(() =>
      hooksOf(receiver, 'customer_subscription', hub.hubId).some(({ body }) => body.customerId === r.customerId),
    );
    const [subscription] = hooksOf(receiver, 'customer_subscription', hub.hubId).filter(
      ({ body }) => body.customerId === r.customerId,
    );
    expect(subscription!.body).toMatchObject({ status: 'creation', dataProviderType: 'scan' });

    const pushed = await runJob(app, 'transactionPush', hub.hubId);
    expect(pushed.status).toBe(200);
    await until(() =>
      hooksOf(receiver, 'customer_transactions', hub.hubId).some(({ body }) =>
        (body.transactions as Json[]).some((t) => t.receiptId === receiptId),
      ),
    );
    const delivery = hooksOf(receiver, 'customer_transactions', hub.hubId).find(({ body }) =>
      (body.transactions as Json[]).some((t) => t.receiptId === receiptId),
    )!;
    const item = (delivery.body.transactions as Json[]).find((t) => t.receiptId === receiptId)!;
    expect(item).toMatchObject({
      amount: -24.17,
      purchaseDate: day(-2),
      customerId: r.customerId,
      dataProviderType: 'scan',
      timeOfPurchase: `${day(-2)} 13:09:00.000000 +00:00`,
      purchaseLocation: { externalId: 'A-1', type: 'store' },
    });
    const publicKeyPem = await publishedKey(app.baseUrl);
    expect(verifyDelivery(delivery.delivery, { receiverUrl: receiver.url, publicKeyPem, secret: hub.secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });
    const hook = receiptHooks(String(receiptId)).find(({ body }) => body.status === 'validated')!;
    expect(verifyDelivery(hook.delivery, { receiverUrl: receiver.url, publicKeyPem, secret: hub.secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });
  });

  it('reaches every automatic rejection reason of flow 4.3, each sent in receipt_updated (ambiguity 10 mapping)', async () => {
    const other = await scanHub(app, receiver, 'mall-other');
    await storeList(app, other, [['ELSEWHERE-9', 'Far Away']]);
    const me = await scanCustomer(app, hub, '6');
    const cases: [string, Record<string, string>, string, string][] = [
      ['notaticket-selfie.jpg', {}, 'notATicket', 'notATicket'],
      ['scan.jpg', { ocr: JSON.stringify({ businessIdentifier: 'A-1', date: day(-1) }) }, 'incomplete', 'incomplete'],
      [`A-1_-5.00_${compact(-1)}.jpg`, {}, 'notADebit', 'unknown'],
      [`NOWHERE-0_5.00_${compact(-1)}.jpg`, {}, 'notInClientReferential', 'notInClientReferential'],
      [`ELSEWHERE-9_5.00_${compact(-1)}.jpg`, {}, 'outOfMall', 'outOfMall'],
      [`A-1_5.00_${compact(-30)}.jpg`, {}, 'beforeRegistration', 'beforeRegistration'],
      // The first receipt of scanCustomer: the same store, amount and date again.
      [`A-1_3.10_${compact(-1)}_1000.jpg`, {}, 'duplicate', 'duplicate'],
    ];
    for (const [filename, fields, reason, sent] of cases) {
      const answer = await post(me.token, filename, jpeg(), fields);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      const { receiptId, status } = answer.body.data as Json;
      expect([filename, status]).toEqual([filename, 'rejected']);
      const mine = await app.request('GET', '/v1/hub/customer/receipts', { headers: bearer(me.token) });
      expect((mine.body.data as Json[]).find((x) => x.receiptId === receiptId)?.rejectionReason).toBe(reason);
      await until(() => receiptHooks(String(receiptId)).length === 2);
      expect(receiptHooks(String(receiptId)).find(({ body }) => body.status === 'rejected')?.body).toMatchObject({
        status: 'rejected',
        rejectionReason: sent,
        customerId: me.customerId,
        customerExternalId: me.externalId,
        shoppingHubExternalId: 'mall-scan',
      });
    }
  });

  it('puts an unreadable receipt under review (shown pending, no webhook), and the program validates it from the queue', async () => {
    const me = await scanCustomer(app, hub, '6');
    const answer = await post(me.token, 'IMG_0001.jpg');
    expect(answer.status).toBe(201);
    const { receiptId, status } = answer.body.data as Json;
    expect(status).toBe('pending');
    const declared = await app.request('PATCH', `/v1/hub/customer/receipts/${String(receiptId)}`, {
      headers: bearer(me.token),
      body: { storeId: 'B-2' },
    });
    expect(declared.status, JSON.stringify(declared.body)).toBe(200);

    const queue = await app.request('GET', '/v1/hub/receipts?status=underReview', { headers: hub.program });
    expect((queue.body.data as Json[]).map((r) => r.id)).toContain(receiptId);
    const next = await app.request('GET', '/v1/hub/receipts/next', { headers: hub.program });
    expect(next.status).toBe(200);
    const invalid = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'validated', amount: '-8.40' },
    });
    expect(invalid.status).toBe(422);
    expect((invalid.body.details as Json[]).map((d) => d.field).sort()).toEqual(['dateTime', 'storeId']);
    const positive = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'validated', amount: '8.40', dateTime: `${day(-1)}T10:15:00Z`, storeId: 'B-2' },
    });
    expect(positive.status).toBe(422);
    const unknownStore = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'validated', amount: '-8.40', dateTime: `${day(-1)}T10:15:00Z`, storeId: 'NOPE' },
    });
    expect(unknownStore.status).toBe(422);
    expect((unknownStore.body.details as Json[])[0]?.code).toBe('storeNotFound');
    const validated = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'validated', amount: '-8.40', dateTime: `${day(-1)}T10:15:00Z`, storeId: 'B-2' },
    });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    expect(validated.body.data).toMatchObject({
      status: 'validated',
      amount: '-8.40',
      declaredStoreName: 'Sandbox Store B',
    });
    await until(() => receiptHooks(String(receiptId)).length === 2);
    expect(statuses(String(receiptId))).toEqual(['pending', 'validated']);

    const again = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'rejected', rejectionReason: 'duplicate' },
    });
    expect(again.status).toBe(422);
    expect(again.body.error_name).toBe('operation_refused');
    const late = await app.request('PATCH', `/v1/hub/customer/receipts/${String(receiptId)}`, {
      headers: bearer(me.token),
      body: { storeId: 'A-1' },
    });
    expect(late.status).toBe(422);
    expect(late.body.error_name).toBe('operation_refused');
    await runJob(app, 'transactionPush', hub.hubId);
    await until(() =>
      hooksOf(receiver, 'customer_transactions', hub.hubId).some(({ body }) =>
        (body.transactions as Json[]).some((t) => t.receiptId === receiptId && t.amount === -8.4),
      ),
    );
  });

  it('reopens a rejected receipt (receipt_updated pending) and it waits for the program', async () => {
    const me = await scanCustomer(app, hub, '6');
    const answer = await post(me.token, 'notaticket.png');
    const { receiptId } = answer.body.data as Json;
    const reopened = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'pending' },
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body.data).toMatchObject({ status: 'pending', rejectionReason: null });
    await until(() => receiptHooks(String(receiptId)).length === 3);
    expect(statuses(String(receiptId))).toEqual(['pending', 'pending', 'rejected']);
    const rejected = await app.request('PATCH', `/v1/hub/receipts/${String(receiptId)}`, {
      headers: hub.program,
      body: { status: 'rejected' },
    });
    expect(rejected.status).toBe(422);
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

  it('gives a validated receipt whose transaction a crash kept from it that transaction at the next claimExpiry run', async () => {
    const me = await scanCustomer(app, hub, '6');
    const receiptId = randomUUID();
    const transactionId = scanTransactionIdOf(receiptId);
    const storeRow = await app
      .knex('rm_hub_stores')
      .where({ hub_id: hub.hubId, external_id: 'B-2' })
      .first<{ id: string }>('id');
    const programId = String(
      (await app.knex('rm_hub_hubs').where({ id: hub.hubId }).first<{ program_id: string }>('program_id')).program_id,
    );
    // What an upload appended before the process died, and nothing after it.
    const at = new Date().toISOString();
    await app.running.infra.store.append(
      `receipt-${receiptId}`,
      [
        {
          id: randomUUID(),
          type: 'ReceiptUploaded',
          data: {
            receiptId,
            hubId: hub.hubId,
            programId,
            customerId: me.customerId,
            customerExternalId: me.externalId,
            image: { digest: 'ef'.repeat(32), size: 3, mediaType: 'image/jpeg' },
            filename: null,
            first: false,
            uploadedAt: at,
          },
          metadata: { tenantId: programId, actor: 'test', schemaVersion: 1 },
        },
        {
          id: randomUUID(),
          type: 'ReceiptValidated',
          data: {
            receiptId,
            transactionId,
            purchaseLocation: { id: storeRow.id, externalId: 'B-2', type: 'store' },
            amount: -777,
            currency: 'EUR',
            purchaseDate: day(-1),
            timeOfPurchase: null,
            by: 'program',
            validatedAt: at,
          },
          metadata: { tenantId: programId, actor: 'test', schemaVersion: 1 },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    await until(
      async () => (await app.knex('rm_hub_receipts').where({ id: receiptId, status: 'validated' })).length === 1,
    );
    const ran = await runJob(app, 'claimExpiry', hub.hubId);
    expect(ran.body.data).toMatchObject({ repaired: 1 });
    const row = await app
      .knex('rm_hub_transactions')
      .where({ id: transactionId })
      .first<{ receipt_id: string; status: string }>();
    expect(row).toMatchObject({ receipt_id: receiptId, status: 'matched' });
    const again = await runJob(app, 'claimExpiry', hub.hubId);
    expect(again.body.data).toMatchObject({ repaired: 0 });
  });

  it('refuses bad uploads with a clear 4xx and stores nothing', async () => {
    const me = await scanCustomer(app, hub, '6');
    const before = await app.knex('rm_hub_receipts').where({ customer_id: me.customerId }).count({ n: '*' });
    const blobsBefore = await app.knex('hub_blobs').count({ n: '*' });
    const big = await post(me.token, 'big.jpg', jpeg(10 * 1024 * 1024 + 10));
    expect(big.status).toBe(413);
    const text = await post(me.token, 'a.jpg', Buffer.from('just some text, not an image'));
    expect(text.status).toBe(422);
    expect((text.body.details as Json[])[0]?.code).toBe('invalidFileType');
    const empty = await post(me.token, 'a.jpg', Buffer.alloc(0));
    expect(empty.status).toBe(422);
    const noImage = await upload(app, '/v1/hub/customer/receipts', bearer(me.token), {
      field: 'picture',
      filename: 'a.jpg',
      bytes: jpeg(),
    });
    expect(noImage.status).toBe(422);
    expect((noImage.body.details as Json[])[0]?.field).toBe('image');
    const json = await app.request('POST', '/v1/hub/customer/receipts', { headers: bearer(me.token), body: {} });
    expect(json.status).toBe(415);
    expect(await app.knex('rm_hub_receipts').where({ customer_id: me.customerId }).count({ n: '*' })).toEqual(before);
    expect(await app.knex('hub_blobs').count({ n: '*' })).toEqual(blobsBefore);

    const closed = await scanHub(app, receiver, 'mall-noscan', { scanEnable: false });
    const r = await registered(app, closed, '6');
    const refused = await upload(app, '/v1/hub/auth/first-receipt', bearer(r.registrationToken), {
      filename: 'a.jpg',
      bytes: jpeg(),
      fields: { customerId: r.customerId },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error_name).toBe('operation_refused');
    const stranger = await registered(app, hub, '6');
    const wrongCustomer = await upload(app, '/v1/hub/auth/first-receipt', bearer(stranger.registrationToken), {
      filename: 'a.jpg',
      bytes: jpeg(),
      fields: { customerId: me.customerId },
    });
    expect(wrongCustomer.status).toBe(403);
    const customerOnProgramRoute = await app.request('GET', '/v1/hub/receipts', { headers: bearer(me.token) });
    expect(customerOnProgramRoute.status).toBe(403);
    const admin = await app.request('GET', '/v1/hub/receipts', { headers: ADMIN });
    expect(admin.status).toBe(403);
  });
});
