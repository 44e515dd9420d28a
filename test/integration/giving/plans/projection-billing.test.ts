import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plansProjection } from '../../../../src/projections/giving/plans/projection.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb } from '../../../support/projection-spec.js';
import { AT, LATER, NEXT_MONTH, planProjectionSpec } from './plan-projection-spec.js';

/* The plans projection on billing: a period billed or failed from each status, twice each; a history replayed. */

describe('the plans projection, billing', () => {
  let infra: TestInfra;
  const programId = randomUUID();
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());
  const { event, created, row, apply } = planProjectionSpec(programId, () => infra.knex);

  it('when PlanBilled is applied, then the next period is pending from the next bill date, with no failed attempt', async () => {
    const id = randomUUID();
    const start = created(id);
    const billed = event('PlanBilled', id, {
      period: 0,
      billDate: AT,
      donationId: randomUUID(),
      chargeId: 'ch_1',
      charged: 2575,
      nextBillDate: NEXT_MONTH,
      billedAt: LATER,
    });
    await apply([start, billed]);
    expect(await row(id)).toMatchObject({
      status: 'active',
      period: 1,
      attempt: 0,
      next_bill_date: new Date(NEXT_MONTH),
      updated_at: new Date(LATER),
      version: '1',
    });
  });

  it('when PlanBilled is applied to a past-due plan, then it is active again and its attempts are cleared', async () => {
    const id = randomUUID();
    const start = created(id);
    const failed = event('PlanPaymentFailed', id, {
      period: 0,
      attempt: 0,
      code: 'card_declined',
      reason: 'declined',
      failedAt: AT,
    });
    const billed = event('PlanBilled', id, {
      period: 0,
      billDate: AT,
      donationId: randomUUID(),
      chargeId: null,
      charged: 2575,
      nextBillDate: NEXT_MONTH,
      billedAt: LATER,
    });
    await apply([start, failed, billed]);
    expect(await row(id)).toMatchObject({
      status: 'active',
      period: 1,
      attempt: 0,
      next_bill_date: new Date(NEXT_MONTH),
      version: '2',
    });
  });

  it('when PlanBilled is applied to a paused plan, then it stays paused', async () => {
    const id = randomUUID();
    const start = created(id);
    const paused = event('PlanPaused', id, { pausedAt: AT });
    const billed = event('PlanBilled', id, {
      period: 0,
      billDate: AT,
      donationId: randomUUID(),
      chargeId: 'ch_2',
      charged: 2575,
      nextBillDate: NEXT_MONTH,
      billedAt: LATER,
    });
    await apply([start, paused, billed]);
    expect(await row(id)).toMatchObject({ status: 'paused', period: 1, version: '2' });
  });

  it('when PlanPaymentFailed is applied, then an active plan is past due with the next attempt pending, and a second failure counts once per event', async () => {
    const id = randomUUID();
    const start = created(id);
    const first = event('PlanPaymentFailed', id, {
      period: 0,
      attempt: 0,
      code: 'card_declined',
      reason: 'declined',
      failedAt: AT,
    });
    const second = event('PlanPaymentFailed', id, {
      period: 0,
      attempt: 1,
      code: 'card_declined',
      reason: 'declined',
      failedAt: LATER,
    });
    await apply([start, first, second]);
    expect(await row(id)).toMatchObject({
      status: 'past_due',
      period: 0,
      attempt: 2,
      next_bill_date: new Date(AT),
      updated_at: new Date(LATER),
      version: '2',
    });
  });

  it('when PlanPaymentFailed is applied to a paused plan, then it stays paused', async () => {
    const id = randomUUID();
    const start = created(id);
    const paused = event('PlanPaused', id, { pausedAt: AT });
    const failed = event('PlanPaymentFailed', id, {
      period: 0,
      attempt: 0,
      code: 'card_declined',
      reason: 'declined',
      failedAt: LATER,
    });
    await apply([start, paused, failed]);
    expect(await row(id)).toMatchObject({ status: 'paused', attempt: 1, version: '2' });
  });

  it('when a whole history is replayed, then every row reads as after the first pass', async () => {
    const id = randomUUID();
    const start = created(id);
    const history = [
      start,
      event('PlanPaymentFailed', id, {
        period: 0,
        attempt: 0,
        code: 'card_declined',
        reason: 'declined',
        failedAt: AT,
      }),
      event('PlanBilled', id, {
        period: 0,
        billDate: AT,
        donationId: randomUUID(),
        chargeId: 'ch_3',
        charged: 2575,
        nextBillDate: NEXT_MONTH,
        billedAt: AT,
      }),
      event('PlanChanged', id, { amount: 3000, changedAt: LATER }),
    ];
    await applyToDb(infra.knex, plansProjection, history);
    const once = await row(id);
    await applyToDb(infra.knex, plansProjection, history);
    expect(await row(id)).toEqual(once);
    expect(once).toMatchObject({ status: 'active', amount: '3000', period: 1, attempt: 0, version: '3' });
  });
});
