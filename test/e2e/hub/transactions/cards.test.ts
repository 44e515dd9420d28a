import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { CODE, freshPhone } from '../connections/support.js';
import { bearer, programWithHub, signInByCode, type Json } from '../support.js';
import { runJob, startJourney, storeList, transactionHooks, type Journey } from './support.js';

/* Flow 2 for a linked card: its transactions are injected like a bank's, imported, matched and pushed alike. */

describe('card transactions (CardLinking): injected, synced, matched, pushed as customer_transactions', () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
    });
  });
  afterAll(() => journey.stop());

  it('imports a linked card’s purchases once, pushes the matched one, leaves the other unaffected', async () => {
    const { app, receiver } = journey;
    const hub = await programWithHub(app, { externalId: 'mall-cards' });
    const hubId = String(hub.hub.id);
    await storeList(app, hub, [['A-1', 'Sandbox Store A']]);
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['customer_transactions'] },
    });
    const phoneNumber = freshPhone('2');
    await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: {
        phoneNumber,
        countryCode: 33,
        customerExternalId: 'cust-card',
        transactionsEligibleFromDate: Math.floor(Date.now() / 1000) - 7 * 86_400,
      },
    });
    const me = await signInByCode(app, hub, phoneNumber, CODE);
    const linked = await app.request('POST', '/v1/hub/customer/credit-cards', {
      headers: bearer(me.token),
      body: { creditCardToken: 'tok_visa_9876' },
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    const cardId = String((linked.body.data as Json).id);

    // Nothing injected yet: the card's first sync imports nothing.
    expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({ synced: 1, imported: 0 });
    const today = new Date().toISOString().slice(0, 10);
    const injected = await app.request('POST', `/v1/hub/sandbox/bank-connections/${cardId}/transactions?sync=now`, {
      headers: hub.program,
      body: {
        transactions: [
          { label: 'CB Sandbox Store A', amount: '-7.20', purchaseDate: today },
          { label: 'CB NOWHERE', amount: '-3.10', purchaseDate: today },
        ],
      },
    });
    expect(injected.status, JSON.stringify(injected.body)).toBe(200);
    expect(injected.body.data).toMatchObject({ queued: 2, sync: { imported: 2, matched: 1 } });
    // Synced again: nothing twice.
    expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({ synced: 1, imported: 0 });

    expect((await runJob(app, 'transactionPush', hubId)).body.data).toMatchObject({ batches: 1, transactions: 1 });
    await until(() => transactionHooks(receiver, hubId).length === 1);
    const [delivered] = transactionHooks(receiver, hubId);
    const items = (delivered!.body.transactions as Json[]).map((t) => [
      t.amount,
      t.customerId,
      t.customerExternalId,
      (t.purchaseLocation as Json).externalId,
    ]);
    expect(items).toEqual([[-7.2, me.customerId, 'cust-card', 'A-1']]);
    const secret = String((hook.body.data as Json).secret);
    expect(
      verifyDelivery(delivered!.delivery, {
        receiverUrl: receiver.url,
        publicKeyPem: await publishedKey(app.baseUrl),
        secret,
      }),
    ).toEqual({ openssl: 'Verified OK', standardOk: true });
    const unaffected = await app.request('GET', '/v1/hub/transactions/unaffected', { headers: hub.program });
    expect((unaffected.body.data as Json[]).map((t) => t.label)).toEqual(['CB NOWHERE']);

    // A deleted card is synced no more.
    await app.request('POST', '/v1/hub/customer/credit-cards', {
      headers: bearer(me.token),
      body: { creditCardToken: 'tok_visa_1111' },
    });
    const gone = await app.request('DELETE', `/v1/hub/customer/connections/${cardId}`, { headers: bearer(me.token) });
    expect(gone.status, JSON.stringify(gone.body)).toBe(204);
    expect((await runJob(app, 'bankSync', hubId)).body.data).toMatchObject({ connections: 1, synced: 1 });
  });
});
