import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planEvents } from '../../../../src/domain/giving/plans/events.js';
import { plansProjection } from '../../../../src/projections/giving/plans/projection.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb } from '../../../support/projection-spec.js';
import { AT, LATER, NEXT_MONTH, planProjectionSpec } from './plan-projection-spec.js';

/* One case per event type the plans projection handles, each applied twice: a replay changes nothing. */

describe('the plans projection', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());
  const { event, created, row, apply } = planProjectionSpec(programId, () => infra.knex);

  it('handles exactly the plan event types this file covers', () => {
    expect([...plansProjection.eventTypes].sort()).toEqual(Object.keys(planEvents).sort());
  });

  it('when PlanCreated is applied, then the plan row holds its terms, active, first billed at its start, at version 0', async () => {
    const id = randomUUID();
    await apply([created(id)]);
    expect(await row(id)).toEqual({
      id,
      program_id: programId,
      campaign_id: 'campaign-1',
      frequency: 'monthly',
      status: 'active',
      method: 'card',
      amount: '2500',
      fee_covered: '75',
      cover_fee: true,
      currency: 'EUR',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@example.org',
      phone: '+33600000000',
      has_payment_token: true,
      start_at: new Date(AT),
      end_at: null,
      next_bill_date: new Date(AT),
      period: 0,
      attempt: 0,
      created_at: new Date(AT),
      updated_at: new Date(AT),
      version: '0',
    });
  });

  it('when PlanCreated without a payment token and with an end is applied, then the row has no token and keeps the end', async () => {
    const id = randomUUID();
    await apply([
      created(id, { method: 'check', coverFee: false, feeCovered: 0, paymentToken: null, endAt: NEXT_MONTH }),
    ]);
    expect(await row(id)).toMatchObject({
      method: 'check',
      cover_fee: false,
      fee_covered: '0',
      has_payment_token: false,
      end_at: new Date(NEXT_MONTH),
    });
  });

  it('when PlanChanged is applied, then only the given terms change and the version is the event revision; an older revision replayed changes nothing', async () => {
    const id = randomUUID();
    const start = created(id);
    const amount = event('PlanChanged', id, { amount: 4000, feeCovered: 120, changedAt: LATER });
    const frequency = event('PlanChanged', id, {
      frequency: 'yearly',
      schedule: { anchor: AT, index: 1 },
      changedAt: LATER,
    });
    await apply([start, amount, frequency]);
    await applyToDb(infra.knex, plansProjection, [amount]);
    expect(await row(id)).toMatchObject({
      amount: '4000',
      fee_covered: '120',
      frequency: 'yearly',
      cover_fee: true,
      updated_at: new Date(LATER),
      version: '2',
    });
  });

  it('when PlanPaymentMethodChanged is applied, then the plan has a payment token', async () => {
    const id = randomUUID();
    await apply([
      created(id, { paymentToken: null }),
      event('PlanPaymentMethodChanged', id, { paymentToken: 'sealed-new', changedAt: LATER }),
    ]);
    expect(await row(id)).toMatchObject({ has_payment_token: true, updated_at: new Date(LATER), version: '1' });
  });

  it('when PlanPaused is applied, then the plan is paused and keeps its next bill date', async () => {
    const id = randomUUID();
    await apply([created(id), event('PlanPaused', id, { pausedAt: LATER })]);
    expect(await row(id)).toMatchObject({
      status: 'paused',
      next_bill_date: new Date(AT),
      updated_at: new Date(LATER),
      version: '1',
    });
  });

  it('when PlanResumed is applied, then the plan is active again, billed next at the resumed date, with no failed attempt pending', async () => {
    const id = randomUUID();
    const start = created(id);
    const failed = event('PlanPaymentFailed', id, {
      period: 0,
      attempt: 0,
      code: 'card_declined',
      reason: 'declined',
      failedAt: AT,
    });
    await apply([
      start,
      failed,
      event('PlanPaused', id, { pausedAt: AT }),
      event('PlanResumed', id, { index: 1, nextBillDate: NEXT_MONTH, resumedAt: LATER }),
    ]);
    expect(await row(id)).toMatchObject({
      status: 'active',
      next_bill_date: new Date(NEXT_MONTH),
      attempt: 0,
      updated_at: new Date(LATER),
      version: '3',
    });
  });

  it('when PlanCanceled is applied, then the plan is canceled with nothing left to bill', async () => {
    const id = randomUUID();
    await apply([created(id), event('PlanCanceled', id, { canceledAt: LATER })]);
    expect(await row(id)).toMatchObject({
      status: 'canceled',
      next_bill_date: null,
      updated_at: new Date(LATER),
      version: '1',
    });
  });

  it('when PlanEnded is applied, then the plan is ended with nothing left to bill', async () => {
    const id = randomUUID();
    await apply([created(id, { endAt: LATER }), event('PlanEnded', id, { endedAt: LATER })]);
    expect(await row(id)).toMatchObject({
      status: 'ended',
      next_bill_date: null,
      updated_at: new Date(LATER),
      version: '1',
    });
  });

  it('when PlanDeleted is applied, then the plan row is gone, and a replay of its events leaves it gone', async () => {
    const id = randomUUID();
    await apply([created(id), event('PlanDeleted', id, { deletedAt: LATER })]);
    expect(await row(id)).toBeUndefined();
  });
});
