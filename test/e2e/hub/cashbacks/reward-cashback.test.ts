import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { BANK, type BankFront } from '../connections/support.js';
import { bearer, programWithHub, type Json } from '../support.js';
import { connectedCustomer, runJob, startJourney, storeList, type Journey } from '../transactions/support.js';
import { GOOD_IBAN, hooks } from './support.js';

describe('flow 3 to its end: an offer’s completed RFND reward pays a cashback, RECEIVED, and the reward is refunded', () => {
  let journey: Journey;
  let app: TestApp;
  let receiver: Receiver;
  let front: BankFront;
  beforeAll(async () => {
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_CASHBACK_SUBMIT_EVERY_MS: '3600000',
      HUB_CASHBACK_SETTLE_EVERY_MS: '3600000',
    });
    ({ app, receiver, front } = journey);
  });
  afterAll(() => journey.stop());

  it('SPND+AMNT 30.00 → completed over sandbox-ok’s purchases → cashback SUCCEEDED, RECEIVED → reward refunded', async () => {
    const hub = await programWithHub(app, { externalId: 'mall-rfnd' });
    const hubId = hub.hub.id as string;
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    await storeList(app, hub, [
      ['A-1', 'Sandbox Store A'],
      ['B-2', 'Sandbox Store B'],
    ]);
    const hook = await app.request('POST', '/v1/webhooks', {
      headers: hub.program,
      body: { url: receiver.url, events: ['reward_updated', 'cashbacks_updated'] },
    });
    const secret = String((hook.body.data as Json).secret);
    const offer = await app.request('POST', '/v1/hub/offers', {
      headers: hub.program,
      body: {
        name: 'Spend 30, get 5 back',
        offerType: 'frequency',
        conditionType: 'SPND',
        conditionValueType: 'AMNT',
        conditionValue: '30.00',
        rewardType: 'RFND',
        rewardValue: '5.00',
        rewardLabel: '5 € back',
      },
    });
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);

    // sandbox-ok's first sync: Store A −10.53 and Store B −24.17, 34.70 in all: the offer completes.
    const me = await connectedCustomer(app, hub, front, 'sandbox-ok+rfnd', '6');
    const account = await app.request('PUT', '/v1/hub/customer/favorite-account', {
      headers: bearer(me.token),
      body: { iban: GOOD_IBAN },
    });
    expect(account.status, JSON.stringify(account.body)).toBe(200);
    const synced = await runJob(app, 'bankSync', hubId);
    expect(synced.body.data).toMatchObject({ matched: 2 });
    const rewardStatuses = () => hooks(receiver, 'reward_updated', hubId).map((h) => (h.body.reward as Json).status);
    await until(() => rewardStatuses().includes('completed'), 30_000);

    // The job catches the cashback process up (the completed reward becomes a cashback) and pays it.
    await until(async () => {
      const submitted = await runJob(app, 'cashbackSubmit', hubId);
      return (submitted.body.data as Json).submitted === 1;
    }, 30_000);
    const cashbackStatuses = () =>
      hooks(receiver, 'cashbacks_updated', hubId).map((h) => ((h.body.cashbacks as Json[])[0] as Json).status);
    await until(() => cashbackStatuses().includes('SUCCEEDED'));
    const settled = await runJob(app, 'cashbackSettle', hubId);
    expect(settled.body.data).toMatchObject({ received: 1 });
    await until(() => cashbackStatuses().includes('RECEIVED'));
    await until(() => rewardStatuses().includes('refunded'), 30_000);
    expect(cashbackStatuses()).toEqual(['SUCCEEDED', 'RECEIVED']);
    const [paid] = hooks(receiver, 'cashbacks_updated', hubId);
    expect(paid!.body).toMatchObject({
      customerId: me.customerId,
      customerExternalId: me.externalId,
      shoppingHubExternalId: 'mall-rfnd',
      cashbacks: [{ status: 'SUCCEEDED', externalId: null }],
    });
    const publicKeyPem = await publishedKey(app.baseUrl);
    for (const h of [...hooks(receiver, 'cashbacks_updated', hubId), ...hooks(receiver, 'reward_updated', hubId)])
      expect(verifyDelivery(h.delivery, { receiverUrl: receiver.url, publicKeyPem, secret })).toEqual({
        openssl: 'Verified OK',
        standardOk: true,
      });

    const cashbacks = await app.request('GET', '/v1/hub/customer/cashbacks', { headers: bearer(me.token) });
    expect(cashbacks.body.data).toEqual([
      expect.objectContaining({ status: 'RECEIVED', amount: '5.00', origin: 'reward', externalId: null }),
    ]);
    await until(async () => {
      const rewards = await app.request('GET', '/v1/hub/customer/rewards', { headers: bearer(me.token) });
      return (rewards.body.data as Json[])[0]?.status === 'refunded';
    });
    // A second run pays nothing more.
    const again = await runJob(app, 'cashbackSubmit', hubId);
    expect(again.body.data).toMatchObject({ submitted: 0 });
  });
});
