import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billPlan, type BillingDeps } from '../../../../src/commands/giving/plans/billing.js';
import { createPlan } from '../../../../src/commands/giving/plans/plans.js';
import { planStream } from '../../../../src/commands/giving/streams.js';
import type { RecordDonationInput } from '../../../../src/commands/giving/donations/record-donation.js';
import { sandboxPayments } from '../../../../src/platform/payments/index.js';
import { systemClock } from '../../../../src/platform/clock.js';
import { createSecretBox } from '../../../../src/platform/secret-box.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

const context = { tenantId: '5f1a0c9e-7d59-4c1b-9b0e-2c4f1b7a9d10', actor: 'test' };

describe('billing one plan from many workers at once', () => {
  let infra: TestInfra;
  let deps: BillingDeps;
  const recorded: RecordDonationInput[] = [];
  beforeAll(async () => {
    infra = await openTestInfra();
    deps = {
      store: infra.store,
      payments: sandboxPayments(infra.knex),
      secrets: createSecretBox(randomBytes(32)),
      facts: () => Promise.resolve({ campaignOpen: true, cardFee: { basisPoints: 290, fixed: 30 } }),
      // The donation side is idempotent by donationId; here each call is kept to compare the ids asked for.
      recordDonation: (_deps, input) => {
        recorded.push(input);
        return Promise.resolve({ id: input.donationId });
      },
    };
  });
  afterAll(async () => {
    await infra.close();
  });

  const create = (paymentToken: string) =>
    createPlan(
      { store: infra.store, clock: systemClock, secrets: deps.secrets },
      {
        campaignId: 'c1',
        frequency: 'monthly',
        amount: 2000,
        currency: 'EUR',
        method: 'card',
        coverFee: false,
        cardFee: { basisPoints: 290, fixed: 30 },
        supporter: { firstName: 'A', lastName: 'B', email: 'a@example.org', phone: null },
        paymentToken,
        startAt: '2030-01-31T09:00:00.000Z',
        endAt: null,
      },
      context,
    );
  const eventsOf = async (planId: string, type: string) =>
    (await infra.store.readStream(planStream(planId))).filter((e) => e.type === type);
  const chargesOf = async (planId: string) =>
    Number(
      (
        await infra
          .knex('sandbox_payments')
          .whereLike('idempotency_key', `%${planId}%`)
          .count<Array<{ count: string }>>({ count: '*' })
      )[0]!.count,
    );

  it('when eight workers bill the same due period at once, then one charge, one donation id and one PlanBilled', async () => {
    const plan = await create('tok_visa');
    const job = { planId: plan.id, programId: context.tenantId, now: '2030-02-01T00:00:00.000Z' };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => billPlan(deps, job)));
    expect(outcomes.filter((o) => o.outcome === 'billed').length).toBeGreaterThanOrEqual(1);
    expect(await eventsOf(plan.id, 'PlanBilled')).toHaveLength(1);
    expect(await chargesOf(plan.id)).toBe(1);
    const ids = new Set(recorded.filter((r) => r.planId === plan.id).map((r) => r.donationId));
    expect(ids.size).toBe(1);
    // The next period is not due yet at that time: nothing more happens.
    expect((await billPlan(deps, job)).outcome).toBe('not_due');
  });

  it('when eight workers meet a declined card at once, then each charge attempt fails once and is recorded once', async () => {
    const plan = await create('tok_fail');
    const job = { planId: plan.id, programId: context.tenantId, now: '2030-02-01T00:00:00.000Z' };
    await Promise.all(Array.from({ length: 8 }, () => billPlan(deps, job)));
    const failures = await eventsOf(plan.id, 'PlanPaymentFailed');
    const attempts = failures.map((e) => e.data.attempt as number);
    expect(new Set(attempts).size).toBe(attempts.length);
    expect(await chargesOf(plan.id)).toBe(attempts.length);
    expect(await eventsOf(plan.id, 'PlanBilled')).toHaveLength(0);
  });

  it('when a job names another program than the plan’s, then nothing is charged', async () => {
    const plan = await create('tok_visa');
    const outcome = await billPlan(deps, {
      planId: plan.id,
      programId: '00000000-0000-4000-8000-000000000000',
      now: '2030-02-01T00:00:00.000Z',
    });
    expect(outcome.outcome).toBe('not_due');
    expect(await chargesOf(plan.id)).toBe(0);
  });
});
