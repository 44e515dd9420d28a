import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { bearer, type Json } from '../support.js';
import { day, hooksOf, jpeg } from '../receipts/support.js';
import { runJob, storeList } from '../transactions/support.js';
import { claimsWorld } from './world.js';

describe('hub claims (flow 5) over HTTP, automatic decisions, webhooks to a real receiver', () => {
  const { start, stop, bankCustomer, claim, claimHooks, hookOf, unaffected } = claimsWorld();
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    ({ app, receiver } = await start());
  });
  afterAll(() => stop());

  it('validates a claim at once against the CB UNKNOWN SHOP debit, and pushes that transaction at the claimed store', async () => {
    const { hub, me } = await bankCustomer('mall-claim-auto');
    const debit = (await unaffected(hub)).find((t) => t.label === 'CB UNKNOWN SHOP')!;
    expect(debit).toMatchObject({ amount: '-5.00', purchaseDate: day(-3) });
    const filed = await claim(hub, me.token, {
      storeId: 'U-1',
      amount: '-5.00',
      transactionDate: day(-3),
      additionalFeedback: 'Paid at the corner shop',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const claimId = String((filed.body.data as Json).id);
    expect(filed.body.data).toMatchObject({ status: 'validated', transactionId: debit.id, storeExternalId: 'U-1' });

    await until(() => claimHooks(hub, claimId).length === 2);
    const pending = claimHooks(hub, claimId).find(({ body }) => body.eventType === 'pending');
    const validated = claimHooks(hub, claimId).find(({ body }) => body.eventType === 'validated');
    expect(pending!.body).toMatchObject({ eventType: 'pending', claim: { status: 'pending', transactionId: null } });
    expect(validated!.body).toEqual({
      event: 'claim_update',
      eventType: 'validated',
      shoppingHubId: hub.hubId,
      shoppingHubExternalId: 'mall-claim-auto',
      customer: { id: me.customerId, externalId: me.externalId },
      claim: {
        id: claimId,
        amount: '-5.00',
        store: 'Corner Shop',
        storeId: expect.any(String) as string,
        storeExternalId: 'U-1',
        status: 'validated',
        rejectionReason: null,
        code: null,
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
        transactionId: debit.id,
        transactionDate: day(-3),
      },
    });
    const publicKeyPem = await publishedKey(app.baseUrl);
    expect(
      verifyDelivery(validated!.delivery, { receiverUrl: receiver.url, publicKeyPem, secret: hub.secret }),
    ).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });
    expect((await unaffected(hub)).map((t) => t.id)).not.toContain(debit.id);

    await runJob(app, 'transactionPush', hub.hubId);
    await until(() =>
      hooksOf(receiver, 'customer_transactions', hub.hubId).some(({ body }) =>
        (body.transactions as Json[]).some((t) => t.id === debit.id),
      ),
    );
    const item = hooksOf(receiver, 'customer_transactions', hub.hubId)
      .flatMap(({ body }) => body.transactions as Json[])
      .find((t) => t.id === debit.id)!;
    expect(item).toMatchObject({ amount: -5, purchaseLocation: { externalId: 'U-1' }, customerId: me.customerId });
    const mine = await app.request('GET', '/v1/hub/customer/claims', { headers: bearer(me.token) });
    expect((mine.body.data as Json[]).map((c) => [c.id, c.status])).toEqual([[claimId, 'validated']]);
  });

  it('reaches every automatic rejection of flow 5.2, each sent in claim_update with its code', async () => {
    const { hub, me } = await bankCustomer('mall-claim-rules', { claimMinimumAmount: '1.50' });
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
      ['U-1', 'Corner Shop'],
      ['D-4', 'Closed Shop'],
    ]);
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
      ['U-1', 'Corner Shop'],
    ]);
    const first = await claim(hub, me.token, { storeId: 'B-2', amount: '-3.33', transactionDate: day(-1) });
    expect((first.body.data as Json).status).toBe('pending');
    const cases: [Json, string][] = [
      [{ storeId: 'D-4', amount: '-4.00', transactionDate: day(-1) }, 'STORE_OUT_OF_PROGRAM'],
      [{ storeId: 'U-1', amount: '-4.00', transactionDate: day(-30) }, 'BEFORE_REGISTRATION'],
      [{ storeId: 'B-2', amount: '-3.33', transactionDate: day(-1) }, 'DUPLICATED'],
      [{ storeId: 'A-1', amount: '-10.53', transactionDate: day(-1) }, 'TRANSACTION_ALREADY_ASSOCIATED'],
      [{ storeId: 'U-1', amount: '-1.00', transactionDate: day(-1) }, 'AUTO_REJECTED'],
    ];
    for (const [body, code] of cases) {
      const answer = await claim(hub, me.token, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect([code, (answer.body.data as Json).status, (answer.body.data as Json).code]).toEqual([
        code,
        'rejected',
        code,
      ]);
      const claimId = String((answer.body.data as Json).id);
      await until(() => claimHooks(hub, claimId).length === 2);
      expect(hookOf(hub, claimId, 'rejected')).toMatchObject({ claim: { code } });
    }
  });

  it('refuses bad claim bodies with 422 and files nothing', async () => {
    const { hub, me } = await bankCustomer('mall-claim-bad');
    const bad: [Json, string][] = [
      [{ storeId: 'NOPE', amount: '-5.00', transactionDate: day(-1) }, 'storeId'],
      [{ storeId: 'U-1', amount: '5.00', transactionDate: day(-1) }, 'amount'],
      [{ storeId: 'U-1', amount: '-5.00', transactionDate: 'yesterday' }, 'transactionDate'],
      [
        { storeId: 'U-1', amount: '-5.00', transactionDate: day(-1), additionalFeedback: 'x'.repeat(256) },
        'additionalFeedback',
      ],
      [
        {
          storeId: 'U-1',
          amount: '-5.00',
          transactionDate: day(-1),
          attachment: Buffer.from('plain text').toString('base64'),
        },
        'attachment',
      ],
      [
        {
          storeId: 'U-1',
          amount: '-5.00',
          transactionDate: day(-1),
          attachment: jpeg(10 * 1024 * 1024 + 1).toString('base64'),
        },
        'attachment',
      ],
    ];
    for (const [body, field] of bad) {
      const answer = await claim(hub, me.token, body);
      expect([field, answer.status]).toEqual([field, 422]);
      expect((answer.body.details as Json[]).map((d) => d.field)).toContain(field);
    }
    const unknown = await claim(hub, me.token, { storeId: 'NOPE', amount: '-5.00', transactionDate: day(-1) });
    expect((unknown.body.details as Json[])[0]?.code).toBe('storeNotFound');
    const mine = await app.request('GET', '/v1/hub/customer/claims', { headers: bearer(me.token) });
    expect(mine.body.data).toEqual([]);
  });
});
