import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cashbackStream, customerStream } from '../../../../src/commands/hub/streams.js';
import { cashbackEvents } from '../../../../src/domain/hub/cashbacks/events.js';
import { customerEvents } from '../../../../src/domain/hub/customers/events.js';
import { cashbacksProjection } from '../../../../src/projections/hub/cashbacks/projection.js';
import {
  cashbackFallbackNeeded,
  cashbackOfHub,
  cashbacksToSettle,
  cashbacksToSubmit,
  customerCashbacks,
  pushedCashbacks,
  unsubmittedCashbacks,
} from '../../../../src/projections/hub/cashbacks/queries.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per event type the cashbacks projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-12-05T09:00:00.000Z';
const LATER = '2026-12-05T10:00:00.000Z';
const NOW = new Date('2026-12-05T12:00:00.000Z');

describe('the hub cashbacks projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const programId = randomUUID();
  const customerId = randomUUID();
  const page = { offset: 0, limit: 20 };
  const cb = (cashbackId: string, type: keyof typeof cashbackEvents, data: object) =>
    recorded(type, cashbackEvents[type].parse({ cashbackId, ...data }), { stream: cashbackStream(cashbackId) });
  const requested = (id: string, externalId: string | null = `ext-${id}`) =>
    cb(id, 'CashbackRequested', {
      hubId,
      programId,
      customerId,
      origin: externalId === null ? 'reward' : 'program',
      rewardId: externalId === null ? randomUUID() : null,
      externalId,
      amount: 1250,
      currency: 'EUR',
      label: 'Refund',
      requestedAt: AT,
    });
  const submitted = (id: string, attempt = 1) =>
    cb(id, 'CashbackSubmitted', {
      attempt,
      idempotencyKey: id,
      account: 'v1.sealed',
      accountLast4: '2606',
      submittedAt: AT,
    });
  const row = (id: string) => cashbackOfHub(infra.knex, hubId, id);
  const pushedStatuses = async () =>
    (await pushedCashbacks(infra.knex, hubId, AT, '2026-12-06T00:00:00.000Z', { offset: 0, limit: 100 })).rows;

  it('CashbackRequested lists a PENDING cashback, due for submission', async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, cashbacksProjection, [requested(id)], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'PENDING', amount: 1250, origin: 'program', held: false });
    expect(await cashbacksToSubmit(infra.knex, hubId, NOW, 60_000)).toContain(id);
    expect((await customerCashbacks(infra.knex, customerId, page)).rows.map((r) => r.id)).toContain(id);
    expect(await cashbackOfHub(infra.knex, randomUUID(), id)).toBeUndefined();
  });

  it('CashbackHeld marks it held: the customer needs a fallback account', async () => {
    const id = randomUUID();
    const other = randomUUID();
    await applyToDb(infra.knex, cashbacksProjection, [requested(id), cb(id, 'CashbackHeld', { heldAt: LATER })], {
      replayed: true,
    });
    expect(await row(id)).toMatchObject({ status: 'PENDING', held: true });
    expect(await cashbackFallbackNeeded(infra.knex, customerId)).toBe(true);
    expect(await cashbackFallbackNeeded(infra.knex, other)).toBe(false);
  });

  it('CashbackSubmitted keeps it PENDING and takes it off the due list until it is stuck', async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, cashbacksProjection, [requested(id), submitted(id)], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'PENDING' });
    expect(await cashbacksToSubmit(infra.knex, hubId, new Date(AT), 60_000)).not.toContain(id);
    expect(await cashbacksToSubmit(infra.knex, hubId, NOW, 60_000)).toContain(id);
  });

  it('CashbackSucceeded shows SUCCEEDED with its transfer, pushed once, due for settlement', async () => {
    const id = randomUUID();
    const events = [requested(id), submitted(id)];
    events.push(cb(id, 'CashbackSucceeded', { attempt: 1, transferId: 'tr-ok', succeededAt: LATER }));
    await applyToDb(infra.knex, cashbacksProjection, events, { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'SUCCEEDED', transferId: 'tr-ok' });
    expect(await cashbacksToSettle(infra.knex, hubId)).toContain(id);
    expect((await pushedStatuses()).filter((p) => p.id === id).map((p) => p.status)).toEqual(['SUCCEEDED']);
  });

  it('CashbackFailed shows FAILED, due again at its retry time', async () => {
    const id = randomUUID();
    const events = [requested(id), submitted(id)];
    const failed = cb(id, 'CashbackFailed', {
      attempt: 1,
      transferId: 'tr-x',
      reason: 'refused',
      retryAt: '2026-12-05T11:00:00.000Z',
      failedAt: LATER,
    });
    await applyToDb(infra.knex, cashbacksProjection, [...events, failed], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'FAILED' });
    expect(await cashbacksToSubmit(infra.knex, hubId, new Date(LATER), 60_000)).not.toContain(id);
    expect(await cashbacksToSubmit(infra.knex, hubId, NOW, 60_000)).toContain(id);
    expect(await unsubmittedCashbacks(infra.knex, customerId)).toContain(id);
  });

  it('CashbackReceived shows RECEIVED, pushed after SUCCEEDED', async () => {
    const id = randomUUID();
    const events = [
      requested(id, null),
      submitted(id),
      cb(id, 'CashbackSucceeded', { attempt: 1, transferId: 'tr-r', succeededAt: LATER }),
      cb(id, 'CashbackReceived', { transferId: 'tr-r', receivedAt: '2026-12-05T11:00:00.000Z' }),
    ];
    await applyToDb(infra.knex, cashbacksProjection, events, { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'RECEIVED', origin: 'reward' });
    expect(await cashbacksToSettle(infra.knex, hubId)).not.toContain(id);
    expect((await pushedStatuses()).filter((p) => p.id === id).map((p) => p.status)).toEqual(['SUCCEEDED', 'RECEIVED']);
  });

  it('CashbackRejected shows REJECTED and leaves every due list', async () => {
    const id = randomUUID();
    const first = requested(id);
    const rejected = cb(id, 'CashbackRejected', { reason: 'customerDeleted', rejectedAt: LATER });
    await applyToDb(infra.knex, cashbacksProjection, [first, rejected], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'REJECTED', held: false });
    expect(await cashbacksToSubmit(infra.knex, hubId, NOW, 60_000)).not.toContain(id);
    expect(await unsubmittedCashbacks(infra.knex, customerId)).not.toContain(id);
  });

  it('CashbackMethodMissing and CashbackMethodRetrieved set the profile’s cashbackMethod, in stream order', async () => {
    const id = randomUUID();
    await infra.knex('rm_hub_customers').insert({
      id,
      hub_id: hubId,
      program_id: programId,
      referral_code: `R${id.slice(0, 7)}`,
      status: 'subscribed',
      registration_date: AT,
      transactions_eligible_from: AT,
      created_at: AT,
      updated_at: AT,
      version: 3,
    });
    const method = async () =>
      (await infra.knex('rm_hub_customers').where({ id }).first<{ cashback_method: string }>('cashback_method'))
        ?.cashback_method;
    const stream = customerStream(id);
    const missing = recorded(
      'CashbackMethodMissing',
      customerEvents.CashbackMethodMissing.parse({ customerId: id, reason: 'noAccount', at: AT }),
      { stream, revision: 4 },
    );
    const retrieved = recorded(
      'CashbackMethodRetrieved',
      customerEvents.CashbackMethodRetrieved.parse({ customerId: id, at: LATER }),
      { stream, revision: 6 },
    );
    await applyToDb(infra.knex, cashbacksProjection, [retrieved], { replayed: true });
    expect(await method()).toBe('retrieved');
    // An older event replayed after a newer one changes nothing.
    await applyToDb(infra.knex, cashbacksProjection, [missing]);
    expect(await method()).toBe('retrieved');
    const again = recorded(
      'CashbackMethodMissing',
      { customerId: id, reason: 'accountRefused', at: LATER },
      {
        stream,
        revision: 7,
      },
    );
    await applyToDb(infra.knex, cashbacksProjection, [again], { replayed: true });
    expect(await method()).toBe('missing');
  });
});
