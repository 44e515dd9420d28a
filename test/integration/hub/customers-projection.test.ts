import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerKeys, sealPersonal } from '../../../src/commands/hub/customers/personal.js';
import { customerStream } from '../../../src/commands/hub/streams.js';
import { customerEvents } from '../../../src/domain/hub/customers/events.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';
import { customersProjection } from '../../../src/projections/hub/customers/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';

/* One case per event type the customers projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-12-01T09:00:00.000Z';
const LATER = '2026-12-02T09:00:00.000Z';
type Type = keyof typeof customerEvents;

describe('the hub customers projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const personal = {
    firstName: 'Zoé',
    lastName: 'Martin',
    email: 'zoe@example.org',
    phoneNumber: '612345678',
    birthDate: null,
    postalCode: '33000',
  };
  const event = (type: Type, customerId: string, data: object): RecordedEvent =>
    recorded(type, customerEvents[type].parse({ customerId, ...data }), { stream: customerStream(customerId) });
  /** A registered customer with its key, and the row after `then` applied twice. */
  const row = async (then: (customerId: string, key: Buffer) => RecordedEvent[]) => {
    const customerId = randomUUID();
    const key = await customerKeys.ensure(infra.knex, customerId);
    const started = event('CustomerRegistrationStarted', customerId, {
      hubId: randomUUID(),
      programId: randomUUID(),
      profile: {
        customerExternalId: 'ext',
        countryCode: 33,
        gender: 'F',
        familyStatus: null,
        preferredLanguage: 'fr',
        outsideOptIn: false,
      },
      personal: sealPersonal(key, customerId, personal),
      origin: 'website',
      referer: null,
      optins: [{ code: 'cgu', value: true }],
      referralCode: `R${customerId.slice(0, 7)}`,
      referredBy: null,
      registrationDate: AT,
      transactionsEligibleFromDate: AT,
    });
    await applyToDb(infra.knex, customersProjection, [started, ...then(customerId, key)], { replayed: true });
    return (await infra.knex('rm_hub_customers').where({ id: customerId }).first()) as Record<string, unknown>;
  };

  it('CustomerRegistrationStarted inserts the row with the personal fields opened', async () => {
    expect(await row(() => [])).toMatchObject({
      email: 'zoe@example.org',
      phone_number: '612345678',
      first_name: 'Zoé',
      status: 'registering',
      version: '0',
    });
  });
  it('CustomerProfileUpdated sets the changes and the new personal record', async () => {
    const r = await row((id, key) => [
      event('CustomerProfileUpdated', id, {
        changes: { preferredLanguage: 'en' },
        personal: sealPersonal(key, id, { ...personal, lastName: 'Durand' }),
        updatedAt: LATER,
      }),
    ]);
    expect(r).toMatchObject({ preferred_language: 'en', last_name: 'Durand', version: '1' });
  });
  it('CustomerOptinsUpdated sets one registration type', async () => {
    const r = await row((id) => [
      event('CustomerOptinsUpdated', id, {
        registrationType: 'PSD2',
        optins: [{ code: 'psd2', value: true }],
        updatedAt: LATER,
      }),
    ]);
    expect(r.optins).toEqual({ SCR: [{ code: 'cgu', value: true }], PSD2: [{ code: 'psd2', value: true }] });
  });
  it('CustomerPasswordSet and CustomerPasswordChanged mark the password set', async () => {
    expect((await row((id) => [event('CustomerPasswordSet', id, { password: 'x', setAt: LATER })])).has_password).toBe(
      true,
    );
    expect(
      (await row((id) => [event('CustomerPasswordChanged', id, { password: 'x', changedAt: LATER })])).has_password,
    ).toBe(true);
  });
  it('CustomerPasswordLocked and CustomerPasswordUnlocked flip the lock', async () => {
    expect((await row((id) => [event('CustomerPasswordLocked', id, { lockedAt: LATER })])).password_locked).toBe(true);
    const r = await row((id) => [
      event('CustomerPasswordLocked', id, { lockedAt: LATER }),
      event('CustomerPasswordUnlocked', id, { unlockedAt: LATER }),
    ]);
    expect(r).toMatchObject({ password_locked: false, version: '2' });
  });
  it('PasswordEmailSent, TemporaryCodeSent, TemporaryCodeVerified and CustomerActionTracked move the version only', async () => {
    const r = await row((id) => [
      event('PasswordEmailSent', id, { sentAt: LATER }),
      event('TemporaryCodeSent', id, { sentAt: LATER }),
      event('TemporaryCodeVerified', id, { verifiedAt: LATER }),
      event('CustomerActionTracked', id, { eventName: 'opened', value: null, trackedAt: LATER }),
    ]);
    expect(r).toMatchObject({ version: '4', email: 'zoe@example.org' });
  });
  it('CustomerSubscribed subscribes the customer with the method’s dataProviderType', async () => {
    const method = { dataProviderType: 'restaurant', sourceId: 'conn-1', credentialsPreviouslyUsed: false };
    const r = await row((id) => [event('CustomerSubscribed', id, { ...method, subscribedAt: LATER })]);
    expect(r).toMatchObject({ status: 'subscribed', data_provider_type: 'restaurant', version: '1' });
  });
  it('CustomerPaymentMethodLinked keeps the first method’s dataProviderType', async () => {
    const method = { dataProviderType: 'bank', credentialsPreviouslyUsed: true };
    const r = await row((id) => [
      event('CustomerSubscribed', id, { ...method, sourceId: 'conn-1', subscribedAt: LATER }),
      event('CustomerPaymentMethodLinked', id, {
        ...method,
        dataProviderType: 'scan',
        sourceId: 'r-1',
        linkedAt: LATER,
      }),
    ]);
    expect(r).toMatchObject({ status: 'subscribed', data_provider_type: 'bank', version: '2' });
  });
  it('CustomerDeleted blanks every personal column', async () => {
    const r = await row((id) => [event('CustomerDeleted', id, { by: 'program', deletedAt: LATER })]);
    expect(r).toMatchObject({
      email: null,
      phone_number: null,
      first_name: null,
      last_name: null,
      postal_code: null,
      status: 'deleted',
    });
  });

  it('a registration replayed once the key is destroyed (a rebuild after a deletion) opens to nothing', async () => {
    const customerId = randomUUID();
    const key = await customerKeys.ensure(infra.knex, customerId);
    const sealed = sealPersonal(key, customerId, personal);
    await customerKeys.destroy(infra.knex, customerId);
    const started = event('CustomerRegistrationStarted', customerId, {
      hubId: randomUUID(),
      programId: randomUUID(),
      profile: {
        customerExternalId: null,
        countryCode: 33,
        gender: null,
        familyStatus: null,
        preferredLanguage: null,
        outsideOptIn: false,
      },
      personal: sealed,
      origin: null,
      referer: null,
      optins: [],
      referralCode: `Q${customerId.slice(0, 7)}`,
      referredBy: null,
      registrationDate: AT,
      transactionsEligibleFromDate: AT,
    });
    await applyToDb(infra.knex, customersProjection, [started]);
    const r = (await infra.knex('rm_hub_customers').where({ id: customerId }).first()) as Record<string, unknown>;
    expect(r).toMatchObject({ email: null, phone_number: null, first_name: null, country_code: 33 });
  });
});
