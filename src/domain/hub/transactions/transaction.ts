import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { TransactionEvent } from './events.js';
import type { MatchOutcome, PurchaseLocation } from './matching-rules.js';

type Imported = Extract<TransactionEvent, { type: 'TransactionImported' }>['data'];

export type TransactionState = NoneOr<{
  readonly status: 'matched' | 'unmatched';
  readonly imported: Imported;
  readonly purchaseLocation: PurchaseLocation | null;
  /** The customer_transactions batch it went out in: it stays where it was sent. */
  readonly batchId?: string | undefined;
  /** The claim the transaction backs, once associated with one. */
  readonly claimId?: string | undefined;
}>;

type Now = { readonly now: string };
export type TransactionCommand =
  | {
      readonly type: 'ImportTransaction';
      /** The matcher's outcome for this transaction, decided against the hub's active stores at import. */
      readonly data: Omit<Imported, 'importedAt'> & { readonly outcome: MatchOutcome } & Now;
    }
  | { readonly type: 'AssociateTransaction'; readonly data: { readonly purchaseLocation: PurchaseLocation } & Now }
  /** A claim's debit (flow 5.3): decided here at the stream's revision, so two claims never share one debit. */
  | {
      readonly type: 'AssociateClaim';
      readonly data: { readonly purchaseLocation: PurchaseLocation; readonly claimId: string } & Now;
    }
  /** Refused once the stream holds its TransactionPushed: decided at the stream's revision, so a racing push loses. */
  | { readonly type: 'DissociateTransaction'; readonly data: Now };

export const unknownTransaction = (): DomainError =>
  new DomainError('not_found', 'transaction not found', [
    { field: 'transactionId', message: 'no such transaction', code: 'transactionNotFound' },
  ]);

type Existing = Exclude<TransactionState, { status: 'none' }>;

const unmatched = (state: Existing): Existing => ({
  ...state,
  status: 'unmatched',
  purchaseLocation: null,
  claimId: undefined,
});

const evolve = evolveFromNone<Existing, TransactionEvent, 'TransactionImported'>(
  'TransactionImported',
  (imported) => ({ status: 'unmatched', imported, purchaseLocation: null }),
  {
    TransactionMatched: (state, { purchaseLocation }) => ({ ...state, status: 'matched', purchaseLocation }),
    TransactionAssociated: (state, { purchaseLocation, claimId }) => ({
      ...state,
      status: 'matched',
      purchaseLocation,
      claimId,
    }),
    TransactionPushed: (state, { batchId }) => ({ ...state, batchId }),
    TransactionUnmatched: unmatched,
    TransactionDissociated: unmatched,
  },
);

function importing(command: Extract<TransactionCommand, { type: 'ImportTransaction' }>): TransactionEvent[] {
  const { outcome, now, ...imported } = command.data;
  const { transactionId } = imported;
  const first: TransactionEvent = { type: 'TransactionImported', data: { ...imported, importedAt: now } };
  if (outcome.matched)
    return [
      first,
      {
        type: 'TransactionMatched',
        data: { transactionId, purchaseLocation: outcome.purchaseLocation, pattern: outcome.pattern, matchedAt: now },
      },
    ];
  return [first, { type: 'TransactionUnmatched', data: { transactionId, reason: outcome.reason, unmatchedAt: now } }];
}

/** A claim's debit: an unmatched debit only; the same claim again changes nothing, another claim is refused. */
function associateClaim(
  state: Exclude<TransactionState, { status: 'none' }>,
  data: Extract<TransactionCommand, { type: 'AssociateClaim' }>['data'],
): TransactionEvent[] {
  const { transactionId, amount } = state.imported;
  if (state.status === 'matched') {
    if (state.claimId === data.claimId) return [];
    throw refused('the transaction is associated already', [
      { field: 'transactionId', message: 'matched already', code: 'transactionAlreadyAssociated' },
    ]);
  }
  if (!(amount < 0))
    throw refused('only a debit can back a claim', [
      { field: 'transactionId', message: 'a credit', code: 'notADebit' },
    ]);
  const { purchaseLocation, claimId, now } = data;
  return [{ type: 'TransactionAssociated', data: { transactionId, purchaseLocation, associatedAt: now, claimId } }];
}

function decide(command: TransactionCommand, state: TransactionState): TransactionEvent[] {
  // A re-import of a provider transaction appends nothing: its stream exists (flow 2.2).
  if (command.type === 'ImportTransaction') return state.status === 'none' ? importing(command) : [];
  if (state.status === 'none') throw unknownTransaction();
  const { transactionId, amount } = state.imported;
  const { now } = command.data;
  if (command.type === 'AssociateClaim') return associateClaim(state, command.data);
  if (command.type === 'AssociateTransaction') {
    if (!(amount < 0))
      throw refused('only a debit can be put at a store', [
        { field: 'transactionId', message: 'a credit', code: 'notADebit' },
      ]);
    const { purchaseLocation } = command.data;
    if (state.status === 'matched') {
      if (state.purchaseLocation?.id === purchaseLocation.id) return [];
      throw refused('the transaction is at a store already: dissociate it first', [
        { field: 'transactionId', message: 'matched already', code: 'transactionAlreadyAssociated' },
      ]);
    }
    return [{ type: 'TransactionAssociated', data: { transactionId, purchaseLocation, associatedAt: now } }];
  }
  if (state.status === 'unmatched') return [];
  if (state.batchId !== undefined)
    throw refused('the transaction was sent in customer_transactions already', [
      { field: 'transactionId', message: 'pushed already', code: 'transactionAlreadyPushed' },
    ]);
  return [{ type: 'TransactionDissociated', data: { transactionId, dissociatedAt: now } }];
}

/** A card transaction of a customer: imported and matched at once, then associated or dissociated by the program. */
export const transactionDecider: Decider<TransactionState, TransactionCommand, TransactionEvent> = deciderFromNone(
  evolve,
  decide,
);

/** What a push appends on each transaction of its batch (with the batch's TransactionsPushed, in one write). */
export const pushedEvent = (transactionId: string, batchId: string, now: string): TransactionEvent => ({
  type: 'TransactionPushed',
  data: { transactionId, batchId, pushedAt: now },
});
