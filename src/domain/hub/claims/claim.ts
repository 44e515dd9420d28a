import { deciderFromNone, evolveFromNone, type Decider, type None, type NoneOr } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { ClaimCode, ClaimEvent } from './events.js';
import { automaticRejection, type ClaimFacts } from './rules.js';

type Filed = Extract<ClaimEvent, { type: 'ClaimFiled' }>['data'];
type By = Extract<ClaimEvent, { type: 'ClaimValidated' }>['data']['by'];

export type ClaimState = NoneOr<{
  readonly status: 'pending' | 'validated' | 'rejected';
  readonly filed: Filed;
  /** The automatic checks ran (once, at filing). */
  readonly checked: boolean;
  readonly transactionId: string | null;
}>;

type Now = { readonly now: string };
export type ClaimCommand =
  | { readonly type: 'FileClaim'; readonly data: Omit<Filed, 'filedAt'> & Now }
  | { readonly type: 'CheckClaim'; readonly data: { readonly facts: ClaimFacts } & Now }
  | { readonly type: 'ValidateClaim'; readonly data: { readonly transactionId: string; readonly by: By } & Now }
  | {
      readonly type: 'RejectClaim';
      readonly data: { readonly code: ClaimCode; readonly rejectionReason: string; readonly by: By } & Now;
    };

export const unknownClaim = (): DomainError =>
  new DomainError('not_found', 'claim not found', [
    { field: 'claimId', message: 'no such claim', code: 'claimNotFound' },
  ]);

const decided = (status: string) =>
  refused('this claim is decided already', [{ field: 'claimId', message: status, code: 'claimDecided' }]);

const evolve = evolveFromNone<Exclude<ClaimState, None>, ClaimEvent, 'ClaimFiled'>(
  'ClaimFiled',
  (filed) => ({ status: 'pending', filed, checked: false, transactionId: null }),
  {
    ClaimValidated: (state, { transactionId }) => ({ ...state, status: 'validated', checked: true, transactionId }),
    ClaimRejected: (state) => ({ ...state, status: 'rejected', checked: true }),
  },
);

function decide(command: ClaimCommand, state: ClaimState): ClaimEvent[] {
  if (command.type === 'FileClaim') {
    if (state.status !== 'none') return [];
    const { now, ...filed } = command.data;
    return [{ type: 'ClaimFiled', data: { ...filed, filedAt: now } }];
  }
  if (state.status === 'none') throw unknownClaim();
  const { claimId } = state.filed;
  const { now } = command.data;
  switch (command.type) {
    case 'CheckClaim': {
      if (state.checked || state.status !== 'pending') return [];
      const rejection = automaticRejection(state.filed, command.data.facts);
      return rejection
        ? [{ type: 'ClaimRejected', data: { claimId, ...rejection, by: 'automatic', rejectedAt: now } }]
        : [];
    }
    case 'ValidateClaim': {
      const { transactionId, by } = command.data;
      if (state.status === 'validated' && state.transactionId === transactionId) return [];
      if (state.status !== 'pending') throw decided(state.status);
      return [{ type: 'ClaimValidated', data: { claimId, transactionId, by, validatedAt: now } }];
    }
    case 'RejectClaim': {
      if (state.status !== 'pending') throw decided(state.status);
      const { code, rejectionReason, by } = command.data;
      return [{ type: 'ClaimRejected', data: { claimId, code, rejectionReason, by, rejectedAt: now } }];
    }
  }
}

/** A claim: filed, checked at once (flow 5.2), validated against a debit or by the program, or rejected. */
export const claimDecider: Decider<ClaimState, ClaimCommand, ClaimEvent> = deciderFromNone(evolve, decide);
