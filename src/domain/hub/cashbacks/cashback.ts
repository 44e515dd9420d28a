import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { notFound } from '../../shared/errors.js';
import type { CashbackEvent, CashbackRequestedData } from './events.js';
import { idempotencyKeyOf, retryAtAfter, retryDue } from './rules.js';

type Submission = Extract<CashbackEvent, { type: 'CashbackSubmitted' }>['data'];

export type CashbackState = NoneOr<{
  /** requested (held or not), submitted (the port is being asked), then the provider's answers. */
  readonly status: 'requested' | 'submitted' | 'succeeded' | 'failed' | 'received' | 'rejected';
  readonly requested: CashbackRequestedData;
  readonly held: boolean;
  /** Submissions so far. */
  readonly attempts: number;
  readonly submission: Submission | null;
  readonly transferId: string | null;
  readonly retryAt: string | null;
  readonly succeededAt: string | null;
}>;
type Existing = Exclude<CashbackState, { status: 'none' }>;

type Now = { readonly now: string };
/** The port's answer to one submission. */
export type PayoutAnswer =
  | { readonly status: 'accepted'; readonly transferId: string }
  | { readonly status: 'refused'; readonly transferId: string | null; readonly reason: string };

export type CashbackCommand =
  | { readonly type: 'RequestCashback'; readonly data: Omit<CashbackRequestedData, 'requestedAt'> & Now }
  | { readonly type: 'HoldCashback'; readonly data: Now }
  /** The account chosen for this try (transferInfo.iban, else the favorite account), sealed, and its last 4. */
  | {
      readonly type: 'SubmitCashback';
      readonly data: { readonly account: string; readonly accountLast4: string } & Now;
    }
  | {
      readonly type: 'RecordPayoutAnswer';
      readonly data: {
        readonly attempt: number;
        readonly answer: PayoutAnswer;
        /** CASHBACK_RETRY_SCHEDULE from now: when each new try is due, the first retry first. */
        readonly retryTimes: readonly string[];
      } & Now;
    }
  | { readonly type: 'SettleCashback'; readonly data: Now }
  | { readonly type: 'RejectCashback'; readonly data: { readonly reason: 'customerDeleted' } & Now };

const evolve = evolveFromNone<Existing, CashbackEvent, 'CashbackRequested'>(
  'CashbackRequested',
  (requested) => ({
    status: 'requested',
    requested,
    held: false,
    attempts: 0,
    submission: null,
    transferId: null,
    retryAt: null,
    succeededAt: null,
  }),
  {
    CashbackHeld: (state) => ({ ...state, held: true }),
    CashbackSubmitted: (state, submission) => ({
      ...state,
      status: 'submitted',
      attempts: submission.attempt,
      submission,
      retryAt: null,
    }),
    CashbackSucceeded: (state, { transferId, succeededAt }) => ({
      ...state,
      status: 'succeeded',
      held: false,
      transferId,
      succeededAt,
    }),
    CashbackFailed: (state, { transferId, retryAt }) => ({ ...state, status: 'failed', transferId, retryAt }),
    CashbackReceived: (state) => ({ ...state, status: 'received' }),
    CashbackRejected: (state) => ({ ...state, status: 'rejected', held: false, retryAt: null }),
  },
);

/** Whether a try may start now: never tried yet, or failed with its retry time come. */
export function submittable(state: CashbackState, now: string): state is Existing {
  if (state.status === 'requested') return true;
  return state.status === 'failed' && retryDue(state.retryAt, now);
}

function answer(
  state: Existing,
  data: Extract<CashbackCommand, { type: 'RecordPayoutAnswer' }>['data'],
): CashbackEvent[] {
  const { cashbackId } = state.requested;
  const { attempt, now } = data;
  // Only the answer to the submission under way counts: a late or repeated one changes nothing.
  if (state.status !== 'submitted' || state.attempts !== attempt) return [];
  if (data.answer.status === 'accepted')
    return [
      {
        type: 'CashbackSucceeded',
        data: { cashbackId, attempt, transferId: data.answer.transferId, succeededAt: now },
      },
    ];
  const retryAt = retryAtAfter(attempt, data.retryTimes);
  const { transferId, reason } = data.answer;
  const failed: CashbackEvent = {
    type: 'CashbackFailed',
    data: { cashbackId, attempt, transferId, reason, retryAt, failedAt: now },
  };
  if (retryAt !== null) return [failed];
  return [failed, { type: 'CashbackRejected', data: { cashbackId, reason: 'paymentRefused', rejectedAt: now } }];
}

function decide(command: CashbackCommand, state: CashbackState): CashbackEvent[] {
  if (command.type === 'RequestCashback') {
    // A replayed reward, a repeated postCashback: the stream exists, the caller compares the bodies.
    if (state.status !== 'none') return [];
    const { now, ...requested } = command.data;
    return [{ type: 'CashbackRequested', data: { ...requested, requestedAt: now } }];
  }
  if (state.status === 'none') throw notFound('cashback');
  const { cashbackId } = state.requested;
  const { now } = command.data;
  switch (command.type) {
    case 'HoldCashback':
      // Once per wait: a held cashback found again without an account appends nothing.
      return state.status === 'requested' && !state.held
        ? [{ type: 'CashbackHeld', data: { cashbackId, heldAt: now } }]
        : [];
    case 'SubmitCashback': {
      if (!submittable(state, now)) return [];
      const attempt = state.attempts + 1;
      const { account, accountLast4 } = command.data;
      const idempotencyKey = idempotencyKeyOf(cashbackId, attempt);
      return [
        {
          type: 'CashbackSubmitted',
          data: { cashbackId, attempt, idempotencyKey, account, accountLast4, submittedAt: now },
        },
      ];
    }
    case 'RecordPayoutAnswer':
      return answer(state, command.data);
    case 'SettleCashback':
      return state.status === 'succeeded' && state.transferId !== null
        ? [{ type: 'CashbackReceived', data: { cashbackId, transferId: state.transferId, receivedAt: now } }]
        : [];
    case 'RejectCashback':
      // Flow 1.8: only what is not with the provider now (waiting, held, or failed and waiting for its retry).
      return state.status === 'requested' || state.status === 'failed'
        ? [{ type: 'CashbackRejected', data: { cashbackId, reason: command.data.reason, rejectedAt: now } }]
        : [];
  }
}

/** A cashback: requested, held while there is no account, submitted, then the payout provider's answers (flow 3.7). */
export const cashbackDecider: Decider<CashbackState, CashbackCommand, CashbackEvent> = deciderFromNone(evolve, decide);
