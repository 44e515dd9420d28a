import { deciderFromNone, evolveFromNone, type Decider, type None, type NoneOr } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { ConnectStateEvent } from './events.js';

type Issued = Extract<ConnectStateEvent, { type: 'BankConnectStateIssued' }>['data'];

export type ConnectStateState = NoneOr<{ readonly status: 'issued' | 'used'; readonly issued: Issued }>;

type Binding = {
  readonly hubId: string;
  readonly customerId: string;
  readonly bankId: string;
  readonly connectionId: string | null;
};
export type ConnectStateCommand =
  | { readonly type: 'IssueConnectState'; readonly data: Binding & { now: string; expiresAt: string } }
  | { readonly type: 'UseConnectState'; readonly data: Binding & { now: string } };

/** Forged, reused, expired and someone else's states are refused alike in kind, each with its own code. */
const invalid = (code: string, message: string): DomainError => refused(message, [{ field: 'state', message, code }]);

const evolve = evolveFromNone<Exclude<ConnectStateState, None>, ConnectStateEvent, 'BankConnectStateIssued'>(
  'BankConnectStateIssued',
  (issued) => ({ status: 'issued', issued }),
  { BankConnectStateUsed: (state) => ({ ...state, status: 'used' }) },
);

function decide(command: ConnectStateCommand, state: ConnectStateState): ConnectStateEvent[] {
  const { hubId, customerId, bankId, connectionId, now } = command.data;
  if (command.type === 'IssueConnectState') {
    if (state.status !== 'none') throw new DomainError('conflict', 'this state was issued before');
    const { expiresAt } = command.data;
    return [
      { type: 'BankConnectStateIssued', data: { hubId, customerId, bankId, connectionId, issuedAt: now, expiresAt } },
    ];
  }
  if (state.status === 'none') throw invalid('invalidState', 'this state was never issued');
  const issued = state.issued;
  const bound =
    issued.hubId === hubId &&
    issued.customerId === customerId &&
    issued.bankId === bankId &&
    issued.connectionId === connectionId;
  // Another customer's state tells its holder nothing more than a forged one.
  if (!bound) throw invalid('invalidState', 'this state was never issued');
  if (state.status === 'used') throw invalid('stateAlreadyUsed', 'this state was used already');
  if (now >= issued.expiresAt) throw invalid('stateExpired', 'this state has expired');
  return [{ type: 'BankConnectStateUsed', data: { usedAt: now } }];
}

/** The `state` of a bank consent: issued with a connectUrl, checked and spent at the callback (decision 46). */
export const connectStateDecider: Decider<ConnectStateState, ConnectStateCommand, ConnectStateEvent> = deciderFromNone(
  evolve,
  decide,
);
