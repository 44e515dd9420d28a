import { describe, expect, it } from 'vitest';
import { validIban, validUkAccount } from '../../../../src/commands/hub/cashbacks/accounts.js';
import { displayOf, lastFourOf } from '../../../../src/domain/hub/cashbacks/favorite-account.js';
import { customerDecider } from '../../../../src/domain/hub/customers/customer.js';
import type { CustomerEvent } from '../../../../src/domain/hub/customers/events.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { spec } from '../../../support/decider.js';

const t0 = '2026-12-01T09:00:00.000Z';
const t1 = '2026-12-02T09:00:00.000Z';
const started: CustomerEvent = {
  type: 'CustomerRegistrationStarted',
  data: {
    customerId: 'c1',
    hubId: 'h1',
    programId: 'p1',
    profile: {
      customerExternalId: 'ext-1',
      countryCode: 33,
      gender: null,
      familyStatus: null,
      preferredLanguage: 'fr',
      outsideOptIn: false,
    },
    personal: 'v1.sealed',
    origin: 'website',
    referer: null,
    optins: [],
    referralCode: 'ABCD2345',
    referredBy: null,
    transactionsEligibleFromDate: t0,
    registrationDate: t0,
  },
};
const display = { iban: '***********************2606', sortCode: null, accountNumber: null };
const account = { account: 'v1.sealed-iban', display, last4: '2606' };
const set: CustomerEvent = { type: 'FavoriteAccountSet', data: { customerId: 'c1', ...account, setAt: t1 } };
const missing = (reason: 'noAccount' | 'accountRefused', at = t0): CustomerEvent => ({
  type: 'CashbackMethodMissing',
  data: { customerId: 'c1', reason, at },
});
const retrieved: CustomerEvent = { type: 'CashbackMethodRetrieved', data: { customerId: 'c1', at: t1 } };
const deleted: CustomerEvent = { type: 'CustomerDeleted', data: { customerId: 'c1', by: 'customer', deletedAt: t0 } };

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? { name: error.errorName, ...error.details[0] } : error;
  }
  return undefined;
};

describe('favorite account (customer decider)', () => {
  const { given } = spec(customerDecider);

  it('given a customer never asked, when the account is set, then FavoriteAccountSet and retrieved', () => {
    given([started])
      .when({ type: 'SetFavoriteAccount', data: { ...account, now: t1 } })
      .then([set, retrieved]);
  });

  it('given a retrieved method, when the account changes, then only FavoriteAccountSet', () => {
    given([started, set, retrieved])
      .when({ type: 'SetFavoriteAccount', data: { ...account, now: t1 } })
      .then([set]);
  });

  it('given a missing method, when the account is set, then retrieved closes the gap', () => {
    given([started, missing('noAccount')])
      .when({ type: 'SetFavoriteAccount', data: { ...account, now: t1 } })
      .then([set, retrieved]);
  });

  it('missing once per gap: a second held or refused cashback says nothing more', () => {
    given([started])
      .when({ type: 'MarkCashbackMethodMissing', data: { reason: 'noAccount', now: t0 } })
      .then([missing('noAccount')]);
    given([started, missing('noAccount')])
      .when({ type: 'MarkCashbackMethodMissing', data: { reason: 'accountRefused', now: t1 } })
      .then([]);
  });

  it('a new gap after a retrieved method: missing again (the provider refused the account)', () => {
    given([started, set, retrieved])
      .when({ type: 'MarkCashbackMethodMissing', data: { reason: 'accountRefused', now: t1 } })
      .then([missing('accountRefused', t1)]);
  });

  it('a deleted customer sets no account (404)', () => {
    given([started, deleted])
      .when({ type: 'SetFavoriteAccount', data: { ...account, now: t1 } })
      .thenThrows('not_found');
  });
});

describe('account rules', () => {
  it('an IBAN passes ibantools (spaces and case tolerated) and comes out electronic', () => {
    expect(validIban('fr14 2004 1010 0505 0001 3m02 606')).toBe('FR1420041010050500013M02606');
    expect(validIban('GB82WEST12345698765432')).toBe('GB82WEST12345698765432');
  });

  it('a bad checksum, a bad country length or an unknown country is 422 invalidIban', () => {
    for (const bad of ['FR1420041010050500013M02607', 'DE8937040044053201300', 'XX00123', 'not an iban'])
      expect(codeOf(() => validIban(bad, 'iban'))).toMatchObject({
        name: 'invalid_request',
        field: 'iban',
        code: 'invalidIban',
      });
  });

  it('a UK account: 6-digit sort code (dashes allowed) and 8-digit account number', () => {
    expect(validUkAccount('12-34-56', '12345678')).toEqual({
      kind: 'uk',
      sortCode: '123456',
      accountNumber: '12345678',
    });
    expect(codeOf(() => validUkAccount('12345', '12345678'))).toMatchObject({ field: 'sortCode', code: 'invalidIban' });
    expect(codeOf(() => validUkAccount('123456', '1234567'))).toMatchObject({
      field: 'accountNumber',
      code: 'invalidIban',
    });
  });

  it('shows an account masked but its last 4', () => {
    expect(displayOf({ kind: 'iban', iban: 'FR1420041010050500013M02606' })).toEqual({
      iban: '***********************2606',
      sortCode: null,
      accountNumber: null,
    });
    expect(displayOf({ kind: 'uk', sortCode: '123456', accountNumber: '12345678' })).toEqual({
      iban: null,
      sortCode: '123456',
      accountNumber: '****5678',
    });
    expect(lastFourOf({ kind: 'uk', sortCode: '123456', accountNumber: '12345678' })).toBe('5678');
  });
});
