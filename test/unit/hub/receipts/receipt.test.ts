import { describe, expect, it } from 'vitest';
import type { ReceiptEvent } from '../../../../src/domain/hub/receipts/events.js';
import { receiptDecider, type ReceiptCommand } from '../../../../src/domain/hub/receipts/receipt.js';
import {
  automaticDecision,
  beforeRegistration,
  duplicate,
  incomplete,
  notADebit,
  notATicket,
  notInClientReferential,
  outOfMall,
  type Ocr,
  type ReceiptFacts,
  type Reading,
} from '../../../../src/domain/hub/receipts/rules.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const store = { id: 's-a', externalId: '18289514', type: 'store' as const };
const ocr: Ocr = {
  businessIdentifier: '18289514',
  total: 2417,
  currency: 'EUR',
  date: '2026-12-03',
  time: '13:09',
  paymentMethod: null,
};
const read = (o: Partial<Ocr> = {}): Reading => ({ kind: 'read', ocr: { ...ocr, ...o } });
const facts = (f: Partial<ReceiptFacts> = {}): ReceiptFacts => ({
  store,
  knownElsewhere: false,
  eligibleFrom: '2026-11-01T00:00:00.000Z',
  duplicate: false,
  ...f,
});
const image = { digest: 'ab'.repeat(32), size: 12, mediaType: 'image/jpeg' as const };
const uploadedData = {
  receiptId: 'r1',
  hubId: 'h1',
  programId: 'p1',
  customerId: 'c1',
  customerExternalId: 'ext-1',
  image,
  filename: '18289514_24.17_20261203_1309.jpg',
  first: false,
};
const uploaded: ReceiptEvent = { type: 'ReceiptUploaded', data: { ...uploadedData, uploadedAt: now } };
const reading = (r: Reading, f: ReceiptFacts = facts()): ReceiptCommand => ({
  type: 'ReadReceipt',
  data: { reading: r, facts: f, transactionId: 't1', now },
});
const readEvent = (o: Partial<Ocr> = {}): ReceiptEvent => {
  const x = { ...ocr, ...o };
  return {
    type: 'ReceiptRead',
    data: {
      receiptId: 'r1',
      ocrBusinessIdentifier: x.businessIdentifier,
      ocrTotal: x.total,
      ocrCurrency: x.currency,
      ocrDate: x.date,
      ocrTime: x.time,
      ocrPaymentMethod: x.paymentMethod,
      readAt: now,
    },
  };
};
const rejected = (reason: string, by = 'automatic'): ReceiptEvent =>
  ({
    type: 'ReceiptRejected',
    data: { receiptId: 'r1', rejectionReason: reason, by, rejectedAt: now },
  }) as ReceiptEvent;
const validated: ReceiptEvent = {
  type: 'ReceiptValidated',
  data: {
    receiptId: 'r1',
    transactionId: 't1',
    purchaseLocation: store,
    amount: -2417,
    currency: 'EUR',
    purchaseDate: '2026-12-03',
    timeOfPurchase: '13:09',
    by: 'automatic',
    validatedAt: now,
  },
};
const underReview: ReceiptEvent = { type: 'ReceiptPutUnderReview', data: { receiptId: 'r1', at: now } };
const review = (data: Omit<Extract<ReceiptCommand, { type: 'ReviewReceipt' }>['data'], 'now' | 'transactionId'>) =>
  ({ type: 'ReviewReceipt', data: { ...data, transactionId: 't1', now } }) as ReceiptCommand;
const purchase = {
  purchaseLocation: store,
  amount: -2417,
  currency: 'EUR',
  purchaseDate: '2026-12-03',
  timeOfPurchase: '13:09',
};

const { given } = spec(receiptDecider);

describe('the receipt rules of flow 4.3, each alone', () => {
  it('notATicket: the reader says the paper is no ticket', () => {
    expect(notATicket({ kind: 'notATicket' }, facts())).toBe(true);
    expect(notATicket(read(), facts())).toBe(false);
  });
  it('incomplete: total or date missing', () => {
    expect(incomplete(read({ total: null }), facts())).toBe(true);
    expect(incomplete(read({ date: null }), facts())).toBe(true);
    expect(incomplete(read(), facts())).toBe(false);
  });
  it('notADebit: a refund (negative total) or a zero total', () => {
    expect(notADebit(read({ total: -500 }), facts())).toBe(true);
    expect(notADebit(read({ total: 0 }), facts())).toBe(true);
    expect(notADebit(read(), facts())).toBe(false);
  });
  it('notInClientReferential: a business the platform does not know', () => {
    expect(notInClientReferential(read(), facts({ store: null }))).toBe(true);
    expect(notInClientReferential(read(), facts({ store: null, knownElsewhere: true }))).toBe(false);
    expect(notInClientReferential(read(), facts())).toBe(false);
  });
  it('outOfMall: a store the platform knows in another hub', () => {
    expect(outOfMall(read(), facts({ store: null, knownElsewhere: true }))).toBe(true);
    expect(outOfMall(read(), facts())).toBe(false);
  });
  it('beforeRegistration: a purchase before the eligible day', () => {
    expect(beforeRegistration(read({ date: '2026-10-31' }), facts())).toBe(true);
    expect(beforeRegistration(read({ date: '2026-11-01' }), facts())).toBe(false);
  });
  it('duplicate: the same as a validated receipt of the customer', () => {
    expect(duplicate(read(), facts({ duplicate: true }))).toBe(true);
    expect(duplicate(read(), facts())).toBe(false);
  });
  it('the first rule that applies decides, in the contract order', () => {
    expect(automaticDecision(read({ total: null, date: '2020-01-01' }), facts({ duplicate: true }))).toEqual({
      outcome: 'rejected',
      reason: 'incomplete',
    });
    expect(automaticDecision(read({ total: -100 }), facts({ store: null }))).toEqual({
      outcome: 'rejected',
      reason: 'notADebit',
    });
    expect(automaticDecision({ kind: 'unreadable' }, facts())).toEqual({ outcome: 'underReview' });
    expect(automaticDecision(read(), facts())).toEqual({ outcome: 'validated' });
  });
});

describe('receipt decider', () => {
  it('when uploaded, then ReceiptUploaded; the same upload again adds nothing', () => {
    given([])
      .when({ type: 'UploadReceipt', data: { ...uploadedData, now } })
      .then([uploaded]);
    given([uploaded])
      .when({ type: 'UploadReceipt', data: { ...uploadedData, now } })
      .then([]);
  });

  it('when a readable receipt passes every rule, then read and validated as a debit at its store', () => {
    given([uploaded]).when(reading(read())).then([readEvent(), validated]);
  });

  for (const [reason, r, f] of [
    ['incomplete', read({ date: null }), facts()],
    ['notADebit', read({ total: -2417 }), facts()],
    ['notInClientReferential', read(), facts({ store: null })],
    ['outOfMall', read(), facts({ store: null, knownElsewhere: true })],
    ['beforeRegistration', read({ date: '2026-10-01' }), facts()],
    ['duplicate', read(), facts({ duplicate: true })],
  ] as const)
    it(`when the paper is ${reason}, then read and rejected ${reason}`, () => {
      const event = readEvent(r.kind === 'read' ? r.ocr : {});
      given([uploaded])
        .when(reading(r, f))
        .then([event, rejected(reason)]);
    });

  it('when not a ticket, then rejected notATicket without a reading', () => {
    given([uploaded])
      .when(reading({ kind: 'notATicket' }))
      .then([rejected('notATicket')]);
  });

  it('when unreadable, then under review (no webhook event)', () => {
    given([uploaded])
      .when(reading({ kind: 'unreadable' }))
      .then([underReview]);
  });

  it('when read twice, then the second reading changes nothing', () => {
    given([uploaded, underReview]).when(reading(read())).then([]);
  });

  it('when the customer declares a store of a pending receipt, then ReceiptStoreDeclared', () => {
    given([uploaded, underReview])
      .when({ type: 'DeclareStore', data: { storeId: 's-a', storeName: 'Store A', now } })
      .then([
        {
          type: 'ReceiptStoreDeclared',
          data: { receiptId: 'r1', storeId: 's-a', storeName: 'Store A', declaredAt: now },
        },
      ]);
  });

  it('when the customer declares a store of a decided receipt, then 422 operation_refused', () => {
    given([uploaded, rejected('incomplete')])
      .when({ type: 'DeclareStore', data: { storeId: 's-a', storeName: 'Store A', now } })
      .thenThrows('operation_refused');
  });

  it('when the program validates a receipt under review, then validated by the program', () => {
    given([uploaded, underReview])
      .when(review({ status: 'validated', purchase }))
      .then([{ ...validated, data: { ...validated.data, by: 'program' } }]);
  });

  it('when the program validates without the purchase, then 422 invalid_request', () => {
    given([uploaded, underReview])
      .when(review({ status: 'validated' }))
      .thenThrows('invalid_request');
  });

  it('when the program touches a validated receipt, then 422 operation_refused (final)', () => {
    given([uploaded, readEvent(), validated])
      .when(review({ status: 'pending' }))
      .thenThrows('operation_refused');
    given([uploaded, readEvent(), validated])
      .when(review({ status: 'rejected', rejectionReason: 'duplicate' }))
      .thenThrows('operation_refused');
  });

  it('when the program rejects, then rejected with its reason; a reason is required', () => {
    given([uploaded, underReview])
      .when(review({ status: 'rejected', rejectionReason: 'storeNotFound' }))
      .then([rejected('storeNotFound', 'program')]);
    given([uploaded, underReview])
      .when(review({ status: 'rejected' }))
      .thenThrows('invalid_request');
  });

  it('when the program sets a rejected receipt back to pending, then ReceiptReopened; pending again changes nothing', () => {
    given([uploaded, rejected('incomplete')])
      .when(review({ status: 'pending' }))
      .then([{ type: 'ReceiptReopened', data: { receiptId: 'r1', reopenedAt: now } }]);
    given([uploaded, rejected('incomplete'), { type: 'ReceiptReopened', data: { receiptId: 'r1', reopenedAt: now } }])
      .when(review({ status: 'pending' }))
      .then([]);
  });

  it('when a reopened receipt is read again, then nothing: it waits for the program (decision 42)', () => {
    given([
      uploaded,
      readEvent(),
      rejected('incomplete'),
      { type: 'ReceiptReopened', data: { receiptId: 'r1', reopenedAt: now } },
    ])
      .when(reading(read()))
      .then([]);
  });

  it('when a receipt that does not exist is reviewed, then 404', () => {
    given([])
      .when(review({ status: 'pending' }))
      .thenThrows('not_found');
  });
});

describe('receipt decider, upload and decision in one append', () => {
  const submit = (r: Reading, f: ReceiptFacts = facts()): ReceiptCommand => ({
    type: 'SubmitReceipt',
    data: { ...uploadedData, reading: r, facts: f, transactionId: 't1', now },
  });
  it('when a readable receipt is submitted, then uploaded, read and validated at once', () => {
    given([]).when(submit(read())).then([uploaded, readEvent(), validated]);
  });
  it('when an unreadable one is submitted, then uploaded and under review', () => {
    given([])
      .when(submit({ kind: 'unreadable' }))
      .then([uploaded, underReview]);
  });
  it('when it is submitted again (a retry), then nothing', () => {
    given([uploaded, underReview]).when(submit(read())).then([]);
  });
});
