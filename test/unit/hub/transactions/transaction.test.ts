import { describe, it } from 'vitest';
import type { TransactionEvent } from '../../../../src/domain/hub/transactions/events.js';
import type { MatchOutcome } from '../../../../src/domain/hub/transactions/matching-rules.js';
import { transactionDecider, type TransactionCommand } from '../../../../src/domain/hub/transactions/transaction.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const later = '2026-12-06T09:00:00.000Z';
const storeA = { id: 's-a', externalId: 'A-1', type: 'store' as const };
const storeB = { id: 's-b', externalId: 'B-2', type: 'store' as const };
const fields = {
  transactionId: 't1',
  hubId: 'h1',
  programId: 'p1',
  customerId: 'c1',
  connectionId: 'k1',
  providerTransactionId: 'first-1',
  label: 'CB SANDBOX STORE A',
  amount: -1053,
  currency: 'EUR',
  purchaseDate: '2026-12-04',
  dateBankingStatement: '2026-12-05',
  dataProviderType: 'bank' as const,
  eligibleFrom: '2026-11-28T00:00:00.000Z',
};
const importing = (outcome: MatchOutcome, amount = -1053): TransactionCommand => ({
  type: 'ImportTransaction',
  data: { ...fields, amount, outcome, now },
});
const imported = (amount = -1053): TransactionEvent => ({
  type: 'TransactionImported',
  data: { ...fields, amount, importedAt: now },
});
const matched: TransactionEvent = {
  type: 'TransactionMatched',
  data: { transactionId: 't1', purchaseLocation: storeA, pattern: 'SANDBOX STORE A', matchedAt: now },
};
const unmatched: TransactionEvent = {
  type: 'TransactionUnmatched',
  data: { transactionId: 't1', reason: 'noStore', unmatchedAt: now },
};
const associateB: TransactionCommand = { type: 'AssociateTransaction', data: { purchaseLocation: storeB, now: later } };
const dissociate: TransactionCommand = { type: 'DissociateTransaction', data: { now: later } };
const pushed: TransactionEvent = {
  type: 'TransactionPushed',
  data: { transactionId: 't1', batchId: 'b1', pushedAt: now },
};

describe('a card transaction', () => {
  const transaction = spec(transactionDecider);

  it('when a matched one is imported, then TransactionImported and TransactionMatched in one append', () => {
    transaction
      .given([])
      .when(importing({ matched: true, purchaseLocation: storeA, pattern: 'SANDBOX STORE A' }))
      .then([imported(), matched]);
  });

  it('when an unmatched one is imported, then TransactionImported and TransactionUnmatched with the reason', () => {
    transaction
      .given([])
      .when(importing({ matched: false, reason: 'notADebit' }, 150000))
      .then([
        imported(150000),
        { type: 'TransactionUnmatched', data: { transactionId: 't1', reason: 'notADebit', unmatchedAt: now } },
      ]);
  });

  it('given it was imported, when it is imported again, then nothing (a re-import appends nothing)', () => {
    transaction
      .given([imported(), matched])
      .when(importing({ matched: false, reason: 'noStore' }))
      .then([]);
  });

  it('given an unmatched debit, when the program associates it, then TransactionAssociated', () => {
    transaction
      .given([imported(), unmatched])
      .when(associateB)
      .then([
        { type: 'TransactionAssociated', data: { transactionId: 't1', purchaseLocation: storeB, associatedAt: later } },
      ]);
  });

  it('given a credit, when the program associates it, then refused', () => {
    transaction
      .given([imported(150000), unmatched])
      .when(associateB)
      .thenThrows('operation_refused');
  });

  it('given a transaction matched elsewhere, when associated to another store, then refused; to its own, nothing', () => {
    transaction.given([imported(), matched]).when(associateB).thenThrows('operation_refused');
    transaction
      .given([imported(), matched])
      .when({ type: 'AssociateTransaction', data: { purchaseLocation: storeA, now: later } })
      .then([]);
  });

  it('given a matched, unpushed transaction, when dissociated, then TransactionDissociated', () => {
    transaction
      .given([imported(), matched])
      .when(dissociate)
      .then([{ type: 'TransactionDissociated', data: { transactionId: 't1', dissociatedAt: later } }]);
  });

  it('given its stream holds TransactionPushed, when dissociated, then refused (transactionAlreadyPushed)', () => {
    transaction.given([imported(), matched, pushed]).when(dissociate).thenThrows('operation_refused');
  });

  it('given it was pushed, when the program associates it elsewhere, then refused (still at its store)', () => {
    transaction.given([imported(), matched, pushed]).when(associateB).thenThrows('operation_refused');
  });

  it('given an unmatched one, when dissociated, then nothing; given none, association is 404', () => {
    transaction.given([imported(), unmatched]).when(dissociate).then([]);
    transaction.given([]).when(associateB).thenThrows('not_found');
  });
});
