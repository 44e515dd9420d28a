import { describe, it } from 'vitest';
import { customerDecider } from '../../../src/domain/hub/customers/customer.js';
import type { CustomerEvent } from '../../../src/domain/hub/customers/events.js';
import { identifierClaimDecider } from '../../../src/domain/hub/customers/identifier-claim.js';
import { spec } from '../../support/decider.js';

const now = '2026-12-01T09:00:00.000Z';
const later = '2026-12-02T09:00:00.000Z';
const profile = {
  customerExternalId: 'ext-1',
  countryCode: 33,
  gender: null,
  familyStatus: null,
  preferredLanguage: 'fr',
  outsideOptIn: false,
};
const registration = {
  customerId: 'c1',
  hubId: 'h1',
  programId: 'p1',
  profile,
  personal: 'v1.sealed',
  origin: 'website' as const,
  referer: null,
  optins: [{ code: 'cgu', value: true }],
  referralCode: 'ABCD2345',
  referredBy: null,
  transactionsEligibleFromDate: now,
};
const started: CustomerEvent = {
  type: 'CustomerRegistrationStarted',
  data: { ...registration, registrationDate: now },
};
const passwordSet: CustomerEvent = {
  type: 'CustomerPasswordSet',
  data: { customerId: 'c1', password: 'v1.hash', setAt: now },
};
const locked: CustomerEvent = { type: 'CustomerPasswordLocked', data: { customerId: 'c1', lockedAt: now } };
const deleted: CustomerEvent = {
  type: 'CustomerDeleted',
  data: { customerId: 'c1', by: 'customer', deletedAt: later },
};

describe('customer', () => {
  const { given } = spec(customerDecider);

  it('registers once', () => {
    given([])
      .when({ type: 'Register', data: { ...registration, now } })
      .then([started]);
    given([started])
      .when({ type: 'Register', data: { ...registration, now } })
      .thenThrows('conflict');
  });

  it('records only the profile fields that change, and a new sealed personal record', () => {
    given([started])
      .when({
        type: 'UpdateProfile',
        data: { changes: { countryCode: 33, preferredLanguage: 'en' }, personal: 'v1.new', now: later },
      })
      .then([
        {
          type: 'CustomerProfileUpdated',
          data: { customerId: 'c1', changes: { preferredLanguage: 'en' }, personal: 'v1.new', updatedAt: later },
        },
      ]);
    given([started])
      .when({ type: 'UpdateProfile', data: { changes: { countryCode: 33 }, now: later } })
      .then([]);
  });

  it('sets a password from the profile only while none is set', () => {
    given([started])
      .when({ type: 'SetPassword', data: { password: 'v1.hash', now } })
      .then([passwordSet]);
    given([started, passwordSet])
      .when({ type: 'SetPassword', data: { password: 'v1.other', now } })
      .thenThrows('operation_refused');
    given([started])
      .when({ type: 'ChangePassword', data: { password: 'v1.other', now } })
      .thenThrows('operation_refused');
  });

  it('locks once, unlocks once, and a reset unlocks', () => {
    given([started, passwordSet]).when({ type: 'LockPassword', data: { now } }).then([locked]);
    given([started, passwordSet, locked]).when({ type: 'LockPassword', data: { now } }).then([]);
    given([started, passwordSet]).when({ type: 'UnlockPassword', data: { now } }).then([]);
    given([started, passwordSet, locked])
      .when({ type: 'ResetPassword', data: { password: 'v1.reset', now: later } })
      .then([
        { type: 'CustomerPasswordSet', data: { customerId: 'c1', password: 'v1.reset', setAt: later } },
        { type: 'CustomerPasswordUnlocked', data: { customerId: 'c1', unlockedAt: later } },
      ]);
  });

  it('refuses to turn a required optin off', () => {
    given([started])
      .when({
        type: 'UpdateOptins',
        data: { registrationType: 'SCR', optins: [{ code: 'cgu', value: false }], required: ['cgu'], now },
      })
      .thenThrows('operation_refused');
    given([started])
      .when({
        type: 'UpdateOptins',
        data: { registrationType: 'SCR', optins: [{ code: 'news', value: true }], required: [], now },
      })
      .then([
        {
          type: 'CustomerOptinsUpdated',
          data: { customerId: 'c1', registrationType: 'SCR', optins: [{ code: 'news', value: true }], updatedAt: now },
        },
      ]);
  });

  it('records codes, emails and tracked actions', () => {
    given([started])
      .when({ type: 'RecordTemporaryCode', data: { verified: false, now } })
      .then([{ type: 'TemporaryCodeSent', data: { customerId: 'c1', sentAt: now } }]);
    given([started])
      .when({ type: 'RecordTemporaryCode', data: { verified: true, now } })
      .then([{ type: 'TemporaryCodeVerified', data: { customerId: 'c1', verifiedAt: now } }]);
    given([started])
      .when({ type: 'RecordPasswordEmail', data: { now } })
      .then([{ type: 'PasswordEmailSent', data: { customerId: 'c1', sentAt: now } }]);
    given([started])
      .when({ type: 'Track', data: { eventName: 'opened', value: null, now } })
      .then([
        { type: 'CustomerActionTracked', data: { customerId: 'c1', eventName: 'opened', value: null, trackedAt: now } },
      ]);
  });

  describe('subscription by a payment method (flows 1.4, 1.7)', () => {
    const method = { dataProviderType: 'bank' as const, credentialsPreviouslyUsed: false };
    const subscribe = (sourceId: string, required: string[] = [], registrationType: 'PSD2' | 'SCR' = 'SCR') => ({
      type: 'Subscribe' as const,
      data: { ...method, sourceId, registrationType, required, now: later },
    });
    const subscribed: CustomerEvent = {
      type: 'CustomerSubscribed',
      data: { customerId: 'c1', ...method, sourceId: 'conn-1', subscribedAt: later },
    };

    it('when the first method comes, then the customer is subscribed', () => {
      given([started])
        .when(subscribe('conn-1', ['cgu']))
        .then([subscribed]);
    });

    it('when a later method comes, then it is linked; the same one again changes nothing', () => {
      given([started, subscribed])
        .when(subscribe('conn-2'))
        .then([
          {
            type: 'CustomerPaymentMethodLinked',
            data: { customerId: 'c1', ...method, sourceId: 'conn-2', linkedAt: later },
          },
        ]);
      given([started, subscribed]).when(subscribe('conn-1')).then([]);
    });

    it('when a required optin of the type is not accepted, then 422; the type’s own answer wins over SCR', () => {
      given([started])
        .when(subscribe('conn-1', ['psd2'], 'PSD2'))
        .thenThrows('operation_refused');
      const psd2: CustomerEvent = {
        type: 'CustomerOptinsUpdated',
        data: { customerId: 'c1', registrationType: 'PSD2', optins: [{ code: 'cgu', value: false }], updatedAt: now },
      };
      given([started, psd2])
        .when(subscribe('conn-1', ['cgu'], 'PSD2'))
        .thenThrows('operation_refused');
      given([started])
        .when(subscribe('conn-1', ['cgu'], 'PSD2'))
        .then([subscribed]);
    });

    it('when the customer is deleted, then 404', () => {
      given([started, deleted]).when(subscribe('conn-1')).thenThrows('not_found');
    });
  });

  it('is deleted once, then gone for every other command', () => {
    given([started])
      .when({ type: 'Delete', data: { by: 'customer', now: later } })
      .then([deleted]);
    given([started, deleted])
      .when({ type: 'Delete', data: { by: 'program', now: later } })
      .then([]);
    given([started, deleted])
      .when({ type: 'Track', data: { eventName: 'x', value: null, now } })
      .thenThrows('not_found');
    given([]).when({ type: 'LockPassword', data: { now } }).thenThrows('not_found');
  });
});

describe('customer identifier claim', () => {
  const { given } = spec(identifierClaimDecider);
  it('gives an identifier digest to one customer', () => {
    const claimed = {
      type: 'CustomerIdentifierClaimed' as const,
      data: { digest: 'd', customerId: 'c1', programId: 'p1', claimedAt: now },
    };
    given([])
      .when({ type: 'ClaimIdentifier', data: { digest: 'd', customerId: 'c1', programId: 'p1', now } })
      .then([claimed]);
    given([claimed])
      .when({ type: 'ClaimIdentifier', data: { digest: 'd', customerId: 'c2', programId: 'p1', now } })
      .thenThrows('conflict_uniqueness');
  });
});
