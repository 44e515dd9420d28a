import { describe, expect, it } from 'vitest';
import { claimDecider, type ClaimCommand } from '../../../../src/domain/hub/claims/claim.js';
import type { ClaimEvent } from '../../../../src/domain/hub/claims/events.js';
import {
  automaticRejection,
  autoRejected,
  beforeRegistration,
  dayNumber,
  duplicated,
  fitsClaim,
  storeOutOfProgram,
  transactionAlreadyAssociated,
  type ClaimFacts,
} from '../../../../src/domain/hub/claims/rules.js';
import type { TransactionEvent } from '../../../../src/domain/hub/transactions/events.js';
import { transactionDecider } from '../../../../src/domain/hub/transactions/transaction.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const claim = { amount: -500, transactionDate: '2026-12-02' };
const facts = (f: Partial<ClaimFacts> = {}): ClaimFacts => ({
  storeActive: true,
  eligibleFrom: '2026-11-01T00:00:00.000Z',
  duplicate: false,
  alreadyAssociated: false,
  minimumAmount: null,
  ...f,
});
const store = { id: 's-u', externalId: 'U-1', name: 'Unknown Shop', type: 'store' as const };
const filedData = {
  claimId: 'k1',
  hubId: 'h1',
  programId: 'p1',
  customerId: 'c1',
  customerExternalId: 'ext-1',
  store,
  amount: -500,
  currency: 'EUR',
  transactionDate: '2026-12-02',
  additionalFeedback: null,
  attachment: null,
  filedBy: 'customer' as const,
};
const filed: ClaimEvent = { type: 'ClaimFiled', data: { ...filedData, filedAt: now } };
const check = (f: ClaimFacts): ClaimCommand => ({ type: 'CheckClaim', data: { facts: f, now } });
const rejectedBy = (code: string, reason: string, by = 'automatic') =>
  ({
    type: 'ClaimRejected',
    data: { claimId: 'k1', code, rejectionReason: reason, by, rejectedAt: now },
  }) as ClaimEvent;
const validated: ClaimEvent = {
  type: 'ClaimValidated',
  data: { claimId: 'k1', transactionId: 't1', by: 'automatic', validatedAt: now },
};

const { given } = spec(claimDecider);

describe('the claim rules of flow 5.2, each alone', () => {
  it('STORE_OUT_OF_PROGRAM: a deactivated store', () => {
    expect(storeOutOfProgram(claim, facts({ storeActive: false }))).toBe(true);
    expect(storeOutOfProgram(claim, facts())).toBe(false);
  });
  it('BEFORE_REGISTRATION: a purchase before the eligible day', () => {
    expect(beforeRegistration(claim, facts({ eligibleFrom: '2026-12-03T10:00:00.000Z' }))).toBe(true);
    expect(beforeRegistration(claim, facts({ eligibleFrom: '2026-12-02T10:00:00.000Z' }))).toBe(false);
  });
  it('DUPLICATED: an open or validated claim of the same purchase', () => {
    expect(duplicated(claim, facts({ duplicate: true }))).toBe(true);
    expect(duplicated(claim, facts())).toBe(false);
  });
  it('TRANSACTION_ALREADY_ASSOCIATED: a matched transaction at that store already', () => {
    expect(transactionAlreadyAssociated(claim, facts({ alreadyAssociated: true }))).toBe(true);
    expect(transactionAlreadyAssociated(claim, facts())).toBe(false);
  });
  it('AUTO_REJECTED: |amount| under claimMinimumAmount (decision 35)', () => {
    expect(autoRejected(claim, facts({ minimumAmount: 501 }))).toBe(true);
    expect(autoRejected(claim, facts({ minimumAmount: 500 }))).toBe(false);
    expect(autoRejected(claim, facts())).toBe(false);
  });
  it('the first rule that applies decides, in the contract order', () => {
    expect(automaticRejection(claim, facts({ storeActive: false, duplicate: true }))?.code).toBe(
      'STORE_OUT_OF_PROGRAM',
    );
    expect(automaticRejection(claim, facts({ duplicate: true, alreadyAssociated: true }))?.code).toBe('DUPLICATED');
    expect(automaticRejection(claim, facts())).toBeNull();
  });
  it('a debit fits at ±0.01 and ±3 days, a credit never', () => {
    expect(fitsClaim(claim, { amount: -501, purchaseDate: '2026-11-29' })).toBe(true);
    expect(fitsClaim(claim, { amount: -502, purchaseDate: '2026-12-02' })).toBe(false);
    expect(fitsClaim(claim, { amount: -500, purchaseDate: '2026-12-06' })).toBe(false);
    expect(fitsClaim({ amount: 500, transactionDate: '2026-12-02' }, { amount: 500, purchaseDate: '2026-12-02' })).toBe(
      false,
    );
  });
  it('day numbers count days across months and leap years', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-03-01') - dayNumber('2024-02-28')).toBe(2);
    expect(dayNumber('2026-01-01') - dayNumber('2025-12-31')).toBe(1);
  });
});

describe('claim decider', () => {
  it('when filed, then ClaimFiled; filed again, nothing', () => {
    given([])
      .when({ type: 'FileClaim', data: { ...filedData, now } })
      .then([filed]);
    given([filed])
      .when({ type: 'FileClaim', data: { ...filedData, now } })
      .then([]);
  });

  for (const [code, f] of [
    ['STORE_OUT_OF_PROGRAM', facts({ storeActive: false })],
    ['BEFORE_REGISTRATION', facts({ eligibleFrom: '2026-12-10T00:00:00.000Z' })],
    ['DUPLICATED', facts({ duplicate: true })],
    ['TRANSACTION_ALREADY_ASSOCIATED', facts({ alreadyAssociated: true })],
    ['AUTO_REJECTED', facts({ minimumAmount: 1000 })],
  ] as const)
    it(`when checked and ${code} applies, then rejected ${code}`, () => {
      const reason = automaticRejection(claim, f)!.rejectionReason;
      given([filed])
        .when(check(f))
        .then([rejectedBy(code, reason)]);
    });

  it('when checked and every rule passes, then nothing (it goes on to the match)', () => {
    given([filed]).when(check(facts())).then([]);
  });

  it('when validated with a debit, then ClaimValidated; the same again nothing, another 422', () => {
    const validate = (transactionId: string): ClaimCommand => ({
      type: 'ValidateClaim',
      data: { transactionId, by: 'automatic', now },
    });
    given([filed]).when(validate('t1')).then([validated]);
    given([filed, validated]).when(validate('t1')).then([]);
    given([filed, validated]).when(validate('t2')).thenThrows('operation_refused');
  });

  it('when the program rejects a decided claim, then 422 operation_refused', () => {
    const reject: ClaimCommand = {
      type: 'RejectClaim',
      data: { code: 'RECEIPT_INCOMPLETE', rejectionReason: 'unreadable', by: 'program', now },
    };
    given([filed])
      .when(reject)
      .then([rejectedBy('RECEIPT_INCOMPLETE', 'unreadable', 'program')]);
    given([filed, validated]).when(reject).thenThrows('operation_refused');
    given([]).when(reject).thenThrows('not_found');
  });
});

describe('a debit backs one claim at most (the transaction decider)', () => {
  const tx = spec(transactionDecider);
  const imported: TransactionEvent = {
    type: 'TransactionImported',
    data: {
      transactionId: 't1',
      hubId: 'h1',
      programId: 'p1',
      customerId: 'c1',
      connectionId: 'n1',
      providerTransactionId: 'x',
      label: 'CB UNKNOWN SHOP',
      amount: -500,
      currency: 'EUR',
      purchaseDate: '2026-12-02',
      dateBankingStatement: '2026-12-02',
      dataProviderType: 'bank',
      eligibleFrom: '2026-11-01T00:00:00.000Z',
      importedAt: now,
    },
  };
  const unmatched: TransactionEvent = {
    type: 'TransactionUnmatched',
    data: { transactionId: 't1', reason: 'noStore', unmatchedAt: now },
  };
  const location = { id: 's-u', externalId: 'U-1', type: 'store' as const };
  const associate = (claimId: string) =>
    ({ type: 'AssociateClaim', data: { purchaseLocation: location, claimId, now } }) as const;
  const associated: TransactionEvent = {
    type: 'TransactionAssociated',
    data: { transactionId: 't1', purchaseLocation: location, associatedAt: now, claimId: 'k1' },
  };

  it('when an unmatched debit is claimed, then associated with the claim', () => {
    tx.given([imported, unmatched]).when(associate('k1')).then([associated]);
  });
  it('when the same claim comes again, then nothing; another claim, 422 operation_refused', () => {
    tx.given([imported, unmatched, associated]).when(associate('k1')).then([]);
    tx.given([imported, unmatched, associated]).when(associate('k2')).thenThrows('operation_refused');
  });
  it('when a credit is claimed, then 422 operation_refused', () => {
    const credit = { ...imported, data: { ...imported.data, amount: 150_000 } } as TransactionEvent;
    tx.given([credit, unmatched]).when(associate('k1')).thenThrows('operation_refused');
  });
});
