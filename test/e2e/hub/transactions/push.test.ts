import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { BANK, type BankFront } from '../connections/support.js';
import { programWithHub, type Json } from '../support.js';
import { connectedCustomer, runJob, startJourney, storeList, transactionHooks, type Journey } from './support.js';

describe('hub card transactions: bankSync → match → transactionPush → customer_transactions', () => {
  let journey: Journey;
  let app: TestApp;
  let receiver: Receiver;
  let front: BankFront;
  beforeAll(async () => {
    // bankSync and transactionPush run on their own timers, small here: the journey waits for them.
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '200',
      HUB_PUSH_INTERVAL_MS: '200',
    });
    ({ app, receiver, front } = journey);
  });
  afterAll(() => journey.stop());

  it('imports sandbox-ok at once, pushes the two store purchases in one signed delivery, and a second sync adds nothing', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-tx' });
    const hubId = hub.hub.id as string;
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
      ['C-3', 'Elsewhere'],
    ]);
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['customer_transactions'] },
    });
    const secret = String((hook.body.data as Json).secret);
    const me = await connectedCustomer(app, hub, front, 'sandbox-ok+tx', '7');

    await until(() => transactionHooks(receiver, hubId).length > 0, 20_000);
    const [first] = transactionHooks(receiver, hubId);
    // Imported side by side, A and B may be in either order in the log: compared by store.
    const items = (first!.body.transactions as Json[]).map((t) => [
      t.amount,
      (t.purchaseLocation as Json).externalId,
      t.customerId,
      t.customerExternalId,
      t.dataProviderType,
    ]);
    expect(items.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      [-10.53, 'A-1', me.customerId, me.externalId, 'bank'],
      [-24.17, 'B-2', me.customerId, me.externalId, 'bank'],
    ]);
    expect(first!.body).toMatchObject({ shoppingHubId: hubId, shoppingHubExternalId: 'mall-tx' });
    const publicKeyPem = await publishedKey(app.baseUrl);
    expect(verifyDelivery(first!.delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
      openssl: 'Verified OK',
      standardOk: true,
    });

    const again = await runJob(app, 'bankSync', hubId);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.data).toMatchObject({ jobName: 'bankSync', synced: 1, imported: 0 });
    const pushed = await runJob(app, 'transactionPush', hubId);
    expect(pushed.body.data).toMatchObject({ batches: 0, transactions: 0 });
    expect(transactionHooks(receiver, hubId)).toHaveLength(1);

    // An injected purchase is imported by the sync it asks for, and goes out in the next batch alone.
    const injected = await app.request(
      'POST',
      `/v1/hub/sandbox/bank-connections/${me.connectionId}/transactions?sync=now`,
      {
        headers: hub.program,
        body: { transactions: [{ label: 'CB Sandbox Store B', amount: '-12.50', purchaseDate: '2026-12-01' }] },
      },
    );
    expect(injected.status, JSON.stringify(injected.body)).toBe(200);
    expect(injected.body.data).toMatchObject({ queued: 1, sync: { imported: 1, matched: 1 } });
    await until(() => transactionHooks(receiver, hubId).length > 1);
    const [alone] = transactionHooks(receiver, hubId)[1]!.body.transactions as Json[];
    expect(transactionHooks(receiver, hubId)[1]!.body.transactions).toHaveLength(1);
    expect(alone).toMatchObject({ amount: -12.5, purchaseDate: '2026-12-01', purchaseLocation: { externalId: 'B-2' } });
  });

  it('answers the job route with 404 for an unknown hub, 422 for an unknown job or a job of a later version', async () => {
    const unknownHub = await runJob(app, 'bankSync', '00000000-0000-4000-8000-000000000000');
    expect(unknownHub.status).toBe(404);
    const unknownJob = await runJob(app, 'dance', '00000000-0000-4000-8000-000000000000');
    expect(unknownJob.status).toBe(422);
    const later = await runJob(app, 'claimExpiry', '00000000-0000-4000-8000-000000000000');
    expect([404, 422]).toContain(later.status);
  });
});
