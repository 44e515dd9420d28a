import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causes } from '../../../src/commands/causes/causes.js';
import { paymentMethods } from '../../../src/commands/members/payment-methods.js';
import { registerMember } from '../../../src/commands/members/register-member.js';
import { updateMember } from '../../../src/commands/members/update-member.js';
import type { ChargeRequest, PaymentProvider, RefundRequest } from '../../../src/platform/payments/index.js';
import { sandboxPayments } from '../../../src/platform/payments/index.js';
import { causeFields } from '../../../src/domain/causes/events.js';
import { createSecretBox } from '../../../src/platform/secret-box.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { systemClock } from '../../../src/platform/clock.js';

const profile = {
  email: 'race@example.org',
  firstName: 'R',
  lastName: 'C',
  city: 'Pau',
  zipcode: '64000',
  codePartner: null,
  birthday: null,
  street: null,
  phone: null,
  picture: null,
};

describe('the first charge when two PATCHes subscribe at once', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  function barrierPayments() {
    const sandbox = sandboxPayments(infra.knex);
    const charged: ChargeRequest[] = [];
    const refunded: RefundRequest[] = [];
    // Both charges wait for each other, so both PATCHes read the member unsubscribed.
    let release: () => void = () => undefined;
    const bothCharged = new Promise<void>((resolve) => (release = resolve));
    const payments: PaymentProvider = {
      kind: 'barrier',
      async charge(request) {
        charged.push(request);
        if (charged.length === 2) release();
        await bothCharged;
        return sandbox.charge(request);
      },
      refund(request) {
        refunded.push(request);
        return sandbox.refund(request);
      },
    };
    return { payments, charged, refunded };
  }

  async function subscribeTwiceAtOnce(email: string, tokens: [string, string]) {
    const { payments, charged, refunded } = barrierPayments();
    const context = { tenantId: randomUUID(), actor: 'test' };
    const { id } = await registerMember(
      { store: infra.store, clock: systemClock },
      { profile: { ...profile, email }, password: 'password-1' },
      context,
    );
    const cause = await causes.create(
      { store: infra.store, clock: systemClock },
      causeFields.parse({ name: 'Race cause' }),
      context,
    );
    const billing = {
      payments,
      paymentMethods: paymentMethods(infra.knex, () => Promise.resolve(createSecretBox(Buffer.alloc(32, 7)))),
      causeSharePercent: 80,
    };
    const patch = (token: string) =>
      updateMember(
        { store: infra.store, clock: systemClock },
        id,
        { changes: { causeId: cause.id }, subscription: 'M', amount: 1200, currency: 'EUR', paymentToken: token },
        context,
        { currentEmail: email, billing },
      );
    await Promise.all(tokens.map(patch));
    return { id, charged, refunded };
  }

  it('when both cards are charged before either append, then one charge is recorded and the other refunded', async () => {
    const { id, charged, refunded } = await subscribeTwiceAtOnce('two-cards@example.org', ['tok_one', 'tok_two']);

    const recorded = (await infra.store.readStream(`member-${id}`)).filter((e) => e.type === 'SubscriptionCharged');
    expect(recorded).toHaveLength(1);
    expect(charged).toHaveLength(2);
    expect(refunded).toHaveLength(1);
    const kept = (recorded[0]!.data as { chargeId: string }).chargeId;
    expect(refunded[0]!.chargeId).not.toBe(kept);
    const stored = JSON.stringify(await infra.store.readStream(`member-${id}`), (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    expect(stored).not.toMatch(/tok_one|tok_two/);
  });

  it('when the same request comes twice at once (one card, one key), then one charge is recorded and nothing is refunded', async () => {
    const { id, charged, refunded } = await subscribeTwiceAtOnce('one-card@example.org', ['tok_same', 'tok_same']);
    expect((await infra.store.readStream(`member-${id}`)).filter((e) => e.type === 'SubscriptionCharged')).toHaveLength(
      1,
    );
    expect(new Set(charged.map((c) => c.idempotencyKey)).size).toBe(1);
    expect(refunded).toEqual([]);
  });
});
