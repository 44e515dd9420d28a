import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../support/app.js';
import { until, type Receiver } from '../../../support/receiver.js';
import { bearer, type Json } from '../support.js';
import { day, hooksOf, jpeg } from '../receipts/support.js';
import { runJob } from '../transactions/support.js';
import { claimsWorld } from './world.js';

describe('hub claims (flow 5) over HTTP: the program review, claimExpiry, concurrency, isolation', () => {
  const { start, stop, bankCustomer, claim, claimHooks, hookOf, unaffected, inject } = claimsWorld();
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    ({ app, receiver } = await start());
  });
  afterAll(() => stop());

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
