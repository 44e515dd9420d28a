import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { ADMIN, bearer, type Json } from '../support.js';
import { runJob, storeList } from '../transactions/support.js';
import { compact, day, hooksOf, jpeg, registered, scanCustomer, scanHub, upload, type ScanHub } from './support.js';
import { receiptsWorld } from './world.js';

describe('hub receipts (flows 1.5 and 4) over HTTP, webhooks to a real receiver: uploads and automatic decisions', () => {
  const world = receiptsWorld();
  const { receiptHooks, post } = world;
  let app: TestApp;
  let receiver: Receiver;
  let hub: ScanHub;
  beforeAll(() => {
    ({ app, receiver, hub } = world);
  });

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
