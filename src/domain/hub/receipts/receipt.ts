import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { PurchaseLocation } from '../transactions/matching-rules.js';
import type { ReceiptEvent, ReceiptRejectionReason } from './events.js';
import { automaticDecision, type ReceiptFacts, type Reading } from './rules.js';

type Uploaded = Extract<ReceiptEvent, { type: 'ReceiptUploaded' }>['data'];
type Validated = Extract<ReceiptEvent, { type: 'ReceiptValidated' }>['data'];

export type ReceiptStatus = 'pending' | 'underReview' | 'validated' | 'rejected';

export type ReceiptState = NoneOr<{
  readonly status: ReceiptStatus;
  readonly uploaded: Uploaded;
  /** The automatic decision ran (once: a reopened receipt waits for the program, decision 42). */
  readonly read: boolean;
  readonly validated: Validated | null;
}>;

type Now = { readonly now: string };

/** The program's decision on a receipt (its PATCH): validating needs the purchase. */
export interface Review {
  readonly status: ReceiptStatus;
  readonly purchase?: {
    readonly purchaseLocation: PurchaseLocation;
    readonly amount: number;
    readonly currency: string;
    readonly purchaseDate: string;
    readonly timeOfPurchase: string | null;
  };
  readonly rejectionReason?: ReceiptRejectionReason;
}

export type ReceiptCommand =
  | { readonly type: 'UploadReceipt'; readonly data: Omit<Uploaded, 'uploadedAt'> & Now }
  | { readonly type: 'ReadReceipt'; readonly data: ReadData }
  /** The upload and its automatic decision in one append (what the upload routes send). */
  | { readonly type: 'SubmitReceipt'; readonly data: Omit<Uploaded, 'uploadedAt'> & ReadData }
  | {
      readonly type: 'DeclareStore';
      readonly data: { readonly storeId: string; readonly storeName: string } & Now;
    }
  | { readonly type: 'ReviewReceipt'; readonly data: Review & { readonly transactionId: string } & Now };

type Existing = Exclude<ReceiptState, { status: 'none' }>;
type ReadData = { readonly reading: Reading; readonly facts: ReceiptFacts; readonly transactionId: string } & Now;

export const unknownReceipt = (): DomainError =>
  new DomainError('not_found', 'receipt not found', [
    { field: 'receiptId', message: 'no such receipt', code: 'receiptNotFound' },
  ]);

const evolve = evolveFromNone<Existing, ReceiptEvent, 'ReceiptUploaded'>(
  'ReceiptUploaded',
  (uploaded) => ({ status: 'pending', uploaded, read: false, validated: null }),
  {
    ReceiptRead: (state) => ({ ...state, read: true }),
    ReceiptStoreDeclared: (state) => state,
    ReceiptPutUnderReview: (state) => ({ ...state, status: 'underReview', read: true }),
    ReceiptValidated: (state, validated) => ({ ...state, status: 'validated', read: true, validated }),
    ReceiptRejected: (state) => ({ ...state, status: 'rejected', read: true }),
    ReceiptReopened: (state) => ({ ...state, status: 'pending' }),
  },
);

function read(state: Existing, data: Extract<ReceiptCommand, { type: 'ReadReceipt' }>['data']): ReceiptEvent[] {
  // Read once, at upload; anything decided since (by the program) stands.
  if (state.read || state.status !== 'pending') return [];
  const { receiptId } = state.uploaded;
  const { reading, facts, transactionId, now } = data;
  const events: ReceiptEvent[] = [];
  if (reading.kind === 'read') {
    const { ocr } = reading;
    events.push({
      type: 'ReceiptRead',
      data: {
        receiptId,
        ocrBusinessIdentifier: ocr.businessIdentifier,
        ocrTotal: ocr.total,
        ocrCurrency: ocr.currency,
        ocrDate: ocr.date,
        ocrTime: ocr.time,
        ocrPaymentMethod: ocr.paymentMethod,
        readAt: now,
      },
    });
  }
  const decision = automaticDecision(reading, facts);
  if (decision.outcome === 'rejected')
    events.push({
      type: 'ReceiptRejected',
      data: { receiptId, rejectionReason: decision.reason, by: 'automatic', rejectedAt: now },
    });
  else if (decision.outcome === 'underReview' || reading.kind !== 'read' || facts.store === null)
    events.push({ type: 'ReceiptPutUnderReview', data: { receiptId, at: now } });
  else
    events.push({
      type: 'ReceiptValidated',
      data: {
        receiptId,
        transactionId,
        purchaseLocation: facts.store,
        // The paper's total is what the customer paid: a debit.
        amount: -(reading.ocr.total ?? 0),
        currency: reading.ocr.currency ?? 'EUR',
        purchaseDate: reading.ocr.date ?? '',
        timeOfPurchase: reading.ocr.time,
        by: 'automatic',
        validatedAt: now,
      },
    });
  return events;
}

const finalRefusal = () =>
  refused('a validated receipt is final', [{ field: 'status', message: 'validated', code: 'receiptValidated' }]);

function review(state: Existing, data: Extract<ReceiptCommand, { type: 'ReviewReceipt' }>['data']): ReceiptEvent[] {
  if (state.status === 'validated') throw finalRefusal();
  const { receiptId } = state.uploaded;
  const { now } = data;
  switch (data.status) {
    case 'validated': {
      if (!data.purchase)
        throw new DomainError('invalid_request', 'validating needs the amount, the date and the store', [
          { field: 'amount', message: 'required to validate' },
        ]);
      const purchase = data.purchase;
      return [
        {
          type: 'ReceiptValidated',
          data: { receiptId, transactionId: data.transactionId, ...purchase, by: 'program', validatedAt: now },
        },
      ];
    }
    case 'rejected': {
      if (state.status === 'rejected') return [];
      const rejectionReason = data.rejectionReason;
      if (!rejectionReason)
        throw new DomainError('invalid_request', 'rejecting needs a rejectionReason', [
          { field: 'rejectionReason', message: 'required to reject' },
        ]);
      return [{ type: 'ReceiptRejected', data: { receiptId, rejectionReason, by: 'program', rejectedAt: now } }];
    }
    case 'pending':
      return state.status === 'rejected' ? [{ type: 'ReceiptReopened', data: { receiptId, reopenedAt: now } }] : [];
    case 'underReview':
      if (state.status === 'underReview') return [];
      if (state.status === 'rejected')
        throw refused('a rejected receipt is reopened first (status pending)', [
          { field: 'status', message: 'rejected', code: 'receiptRejected' },
        ]);
      return [{ type: 'ReceiptPutUnderReview', data: { receiptId, at: now } }];
  }
}

function submit(state: ReceiptState, data: Extract<ReceiptCommand, { type: 'SubmitReceipt' }>['data']): ReceiptEvent[] {
  if (state.status !== 'none') return [];
  const { reading, facts, transactionId, now, ...uploaded } = data;
  const first: ReceiptEvent = { type: 'ReceiptUploaded', data: { ...uploaded, uploadedAt: now } };
  return [first, ...read(evolve(state, first) as Existing, { reading, facts, transactionId, now })];
}

function decide(command: ReceiptCommand, state: ReceiptState): ReceiptEvent[] {
  if (command.type === 'SubmitReceipt') return submit(state, command.data);
  if (command.type === 'UploadReceipt') {
    // A retried upload (same id) is the same receipt.
    if (state.status !== 'none') return [];
    const { now, ...uploaded } = command.data;
    return [{ type: 'ReceiptUploaded', data: { ...uploaded, uploadedAt: now } }];
  }
  if (state.status === 'none') throw unknownReceipt();
  switch (command.type) {
    case 'ReadReceipt':
      return read(state, command.data);
    case 'DeclareStore': {
      // The customer sees underReview as pending (decision 42).
      if (state.status !== 'pending' && state.status !== 'underReview')
        throw refused('only a pending receipt takes a store', [
          { field: 'receiptId', message: state.status, code: 'receiptNotPending' },
        ]);
      const { storeId, storeName, now } = command.data;
      const { receiptId } = state.uploaded;
      return [{ type: 'ReceiptStoreDeclared', data: { receiptId, storeId, storeName, declaredAt: now } }];
    }
    case 'ReviewReceipt':
      return review(state, command.data);
  }
}

/** A receipt: uploaded, read and decided at once (flow 4.3), then reviewed by the program. */
export const receiptDecider: Decider<ReceiptState, ReceiptCommand, ReceiptEvent> = deciderFromNone(evolve, decide);
