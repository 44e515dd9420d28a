import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { publishedKey, verifyDelivery } from '../../../support/webhook-signature.js';
import { BANK, type BankFront } from '../connections/support.js';
import { bearer, type Json } from '../support.js';
import { day, hooksOf, jpeg, scanHub, type ScanHub } from '../receipts/support.js';
import { connectedCustomer, runJob, startJourney, storeList, type Journey } from '../transactions/support.js';

describe('hub claims (flow 5) over HTTP, webhooks to a real receiver', () => {
  let journey: Journey;
  let app: TestApp;
  let receiver: Receiver;
  let front: BankFront;
  beforeAll(async () => {
    journey = await startJourney({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      HUB_BANK_SYNC_EVERY_MS: '3600000',
      HUB_PUSH_INTERVAL_MS: '3600000',
      // claimExpiry rejects at its first run whatever no sync matched: the tests run it by hand, per hub.
      HUB_CLAIM_EXPIRY_DAYS: '0',
    });
    ({ app, receiver, front } = journey);
  });
  afterAll(() => journey.stop());

  /** A scan hub with the sandbox bank, and a customer whose sandbox-ok connection was synced once. */
  async function bankCustomer(externalId: string, extra: Json = {}) {
    const hub = await scanHub(app, receiver, externalId, extra);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const me = await connectedCustomer(app, hub, front, `sandbox-ok+${externalId}`, '7');
    expect((await runJob(app, 'bankSync', hub.hubId)).status).toBe(200);
    return { hub, me };
  }
  const claim = (hub: ScanHub, token: string | null, body: Json) =>
    app.request('POST', '/v1/hub/claims', { headers: token === null ? hub.program : bearer(token), body });
  const claimHooks = (hub: ScanHub, claimId: string) =>
    hooksOf(receiver, 'claim_update', hub.hubId).filter(({ body }) => (body.claim as Json).id === claimId);
  /** The claim_update of one status: deliveries may arrive in any order. */
  const hookOf = (hub: ScanHub, claimId: string, eventType: string) =>
    claimHooks(hub, claimId).find(({ body }) => body.eventType === eventType)?.body;
  const unaffected = async (hub: ScanHub) =>
    (await app.request('GET', '/v1/hub/transactions/unaffected', { headers: hub.program })).body.data as Json[];
  const inject = async (hub: ScanHub, connectionId: string, label: string, amount: string, purchaseDate: string) => {
    const answer = await app.request('POST', `/v1/hub/sandbox/bank-connections/${connectionId}/transactions?sync=now`, {
      headers: hub.program,
      body: { transactions: [{ label, amount, purchaseDate }] },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };

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

  it('lets the program review claims: validated without a debit (a transaction is made and pushed), with a debit, or rejected', async () => {
    const { hub, me } = await bankCustomer('mall-claim-review');
    const attachment = jpeg(3000).toString('base64');
    const withPhoto = await claim(hub, me.token, {
      storeId: 'B-2',
      amount: '-12.00',
      transactionDate: day(-2),
      attachment,
    });
    expect(withPhoto.body.data).toMatchObject({ status: 'pending' });
    const photoId = String((withPhoto.body.data as Json).id);
    const queue = await app.request('GET', '/v1/hub/claims?status=pending', { headers: hub.program });
    expect((queue.body.data as Json[]).find((c) => c.id === photoId)).toMatchObject({ hasAttachment: true });

    const validated = await app.request('POST', `/v1/hub/claims/${photoId}/validate`, {
      headers: hub.program,
      body: {},
    });
    expect(validated.status, JSON.stringify(validated.body)).toBe(200);
    const madeId = String((validated.body.data as Json).transactionId);
    expect(validated.body.data).toMatchObject({ status: 'validated' });
    await runJob(app, 'transactionPush', hub.hubId);
    await until(() =>
      hooksOf(receiver, 'customer_transactions', hub.hubId).some(({ body }) =>
        (body.transactions as Json[]).some((t) => t.id === madeId && t.amount === -12),
      ),
    );
    const again = await app.request('POST', `/v1/hub/claims/${photoId}/validate`, { headers: hub.program, body: {} });
    expect([again.status, again.body.error_name]).toEqual([422, 'operation_refused']);
    const rejectDecided = await app.request('POST', `/v1/hub/claims/${photoId}/reject`, {
      headers: hub.program,
      body: { code: 'RECEIPT_INCOMPLETE' },
    });
    expect(rejectDecided.status).toBe(422);

    await inject(hub, me.connectionId, 'CB MYSTERY 0042', '-7.00', day(-1));
    const debit = (await unaffected(hub)).find((t) => t.label === 'CB MYSTERY 0042')!;
    const vague = await claim(hub, me.token, { storeId: 'U-1', amount: '-9.99', transactionDate: day(-6) });
    const vagueId = String((vague.body.data as Json).id);
    expect(vague.body.data).toMatchObject({ status: 'pending' });
    const backed = await app.request('POST', `/v1/hub/claims/${vagueId}/validate`, {
      headers: hub.program,
      body: { transactionId: debit.id },
    });
    expect(backed.status, JSON.stringify(backed.body)).toBe(200);
    expect(backed.body.data).toMatchObject({ status: 'validated', transactionId: debit.id });

    const unreadable = await claim(hub, me.token, {
      storeId: 'U-1',
      amount: '-2.50',
      transactionDate: day(-1),
      attachment,
    });
    const unreadableId = String((unreadable.body.data as Json).id);
    const rejected = await app.request('POST', `/v1/hub/claims/${unreadableId}/reject`, {
      headers: hub.program,
      body: { code: 'RECEIPT_INCOMPLETE', rejectionReason: 'The receipt cannot be read' },
    });
    expect(rejected.status).toBe(200);
    await until(() => claimHooks(hub, unreadableId).length === 2);
    expect(hookOf(hub, unreadableId, 'rejected')).toMatchObject({
      claim: { code: 'RECEIPT_INCOMPLETE', rejectionReason: 'The receipt cannot be read' },
    });
  });

  it('claimExpiry matches a claim a later sync brought the debit for, and rejects a stale one TRANSACTION_NOT_FOUND', async () => {
    const { hub, me } = await bankCustomer('mall-claim-expiry');
    const waiting = await claim(hub, me.token, { storeId: 'U-1', amount: '-4.20', transactionDate: day(-1) });
    const stale = await claim(hub, me.token, { storeId: 'B-2', amount: '-8.80', transactionDate: day(-1) });
    const photo = await claim(hub, me.token, {
      storeId: 'B-2',
      amount: '-6.10',
      transactionDate: day(-1),
      attachment: jpeg(1500).toString('base64'),
    });
    const [waitingId, staleId, photoId] = [waiting, stale, photo].map((a) => String((a.body.data as Json).id));
    await inject(hub, me.connectionId, 'CB LATE PURCHASE', '-4.20', day(-2));
    const ran = await runJob(app, 'claimExpiry', hub.hubId);
    expect(ran.status, JSON.stringify(ran.body)).toBe(200);
    expect(ran.body.data).toMatchObject({ jobName: 'claimExpiry', validated: 1, rejected: 1 });
    const byId = async () =>
      new Map(
        ((await app.request('GET', '/v1/hub/claims', { headers: hub.program })).body.data as Json[]).map((c) => [
          c.id,
          c,
        ]),
      );
    const claims = await byId();
    expect(claims.get(waitingId)).toMatchObject({ status: 'validated' });
    expect(claims.get(staleId)).toMatchObject({ status: 'rejected', code: 'TRANSACTION_NOT_FOUND' });
    expect(claims.get(photoId)).toMatchObject({ status: 'pending' });
    const twice = await runJob(app, 'claimExpiry', hub.hubId);
    expect(twice.body.data).toMatchObject({ validated: 0, rejected: 0 });
  });

  it('two concurrent claims for one debit: one is validated, the other waits or is DUPLICATED, the debit backs one', async () => {
    const { hub, me } = await bankCustomer('mall-claim-race');
    await inject(hub, me.connectionId, 'CB TWIN PURCHASE', '-6.66', day(-2));
    const debit = (await unaffected(hub)).find((t) => t.label === 'CB TWIN PURCHASE')!;
    const body = { storeId: 'U-1', amount: '-6.66', transactionDate: day(-2) };
    const answers = await Promise.all([claim(hub, me.token, body), claim(hub, me.token, body)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const outcomes = answers.map((a) => a.body.data as Json);
    const won = outcomes.filter((c) => c.status === 'validated');
    expect(won).toHaveLength(1);
    expect(won[0]!.transactionId).toBe(debit.id);
    const lost = outcomes.find((c) => c.status !== 'validated')!;
    expect(lost.status === 'pending' || lost.code === 'DUPLICATED').toBe(true);
    const events = await app.running.infra.store.readStream(`transaction-${String(debit.id)}`);
    expect(events.filter((e) => e.type === 'TransactionAssociated')).toHaveLength(1);
  });

  it('keeps claims apart: a program (its credentials) files for its customer by externalId; another program or customer sees none', async () => {
    const { hub, me } = await bankCustomer('mall-claim-iso');
    const byProgram = await claim(hub, null, {
      storeId: 'B-2',
      amount: '-3.00',
      transactionDate: day(-1),
      externalId: me.externalId,
    });
    expect(byProgram.status, JSON.stringify(byProgram.body)).toBe(201);
    const claimId = String((byProgram.body.data as Json).id);
    const noExternal = await claim(hub, null, { storeId: 'B-2', amount: '-3.00', transactionDate: day(-1) });
    expect(noExternal.status).toBe(422);
    const unknownExternal = await claim(hub, null, {
      storeId: 'B-2',
      amount: '-3.00',
      transactionDate: day(-1),
      externalId: 'nobody',
    });
    expect(unknownExternal.status).toBe(404);

    const other = await bankCustomer('mall-claim-iso-2');
    const foreignValidate = await app.request('POST', `/v1/hub/claims/${claimId}/validate`, {
      headers: other.hub.program,
      body: {},
    });
    expect(foreignValidate.status).toBe(404);
    const foreignList = await app.request('GET', '/v1/hub/claims', { headers: other.hub.program });
    expect((foreignList.body.data as Json[]).map((c) => c.id)).not.toContain(claimId);
    const otherCustomer = await app.request('GET', '/v1/hub/customer/claims', { headers: bearer(other.me.token) });
    expect((otherCustomer.body.data as Json[]).map((c) => c.id)).not.toContain(claimId);
    const storeOfOtherHub = await claim(other.hub, other.me.token, {
      storeId: String((byProgram.body.data as Json).storeId),
      amount: '-3.00',
      transactionDate: day(-1),
    });
    expect([storeOfOtherHub.status, (storeOfOtherHub.body.details as Json[])[0]?.code]).toEqual([422, 'storeNotFound']);
    const customerOnProgramRoute = await app.request('POST', `/v1/hub/claims/${claimId}/validate`, {
      headers: bearer(me.token),
      body: {},
    });
    expect(customerOnProgramRoute.status).toBe(403);
  });
});
