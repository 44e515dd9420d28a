import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanTransactionIdOf } from '../../../../src/commands/hub/streams.js';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { bearer, type Json } from '../support.js';
import { runJob } from '../transactions/support.js';
import { day, hooksOf, scanCustomer, type ScanHub } from './support.js';
import { receiptsWorld } from './world.js';

describe('hub receipts (flows 1.5 and 4) over HTTP, webhooks to a real receiver: program review and repair', () => {
  const world = receiptsWorld();
  const { receiptHooks, statuses, post } = world;
  let app: TestApp;
  let receiver: Receiver;
  let hub: ScanHub;
  beforeAll(() => {
    ({ app, receiver, hub } = world);
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
});
