import { describe, expect, it } from 'vitest';
import { connectStateDecider, type ConnectStateCommand } from '../../../../src/domain/hub/connections/connect-state.js';
import type { ConnectStateEvent } from '../../../../src/domain/hub/connections/events.js';
import { fold } from '../../../../src/domain/shared/decider.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const binding: { hubId: string; customerId: string; bankId: string; connectionId: string | null } = {
  hubId: 'h1',
  customerId: 'c1',
  bankId: 'b1',
  connectionId: null,
};
const issued: ConnectStateEvent = {
  type: 'BankConnectStateIssued',
  data: { ...binding, issuedAt: now, expiresAt: '2026-12-05T09:30:00.000Z' },
};
const used: ConnectStateEvent = { type: 'BankConnectStateUsed', data: { usedAt: '2026-12-05T09:05:00.000Z' } };
const use = (changes: Partial<typeof binding> & { now?: string } = {}): ConnectStateCommand => ({
  type: 'UseConnectState',
  data: { ...binding, now: '2026-12-05T09:05:00.000Z', ...changes },
});

/** The seed code a refusal carries in details[0].code. */
function refusalCode(given: ConnectStateEvent[], command: ConnectStateCommand): string | undefined {
  try {
    connectStateDecider.decide(command, fold(connectStateDecider, given));
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).errorName).toBe('operation_refused');
    return (error as DomainError).details[0]?.code;
  }
  return undefined;
}

describe('a bank consent state', () => {
  const state = spec(connectStateDecider);

  it('when a connectUrl is given, then the state is issued bound to the customer, hub and bank', () => {
    state
      .given([])
      .when({ type: 'IssueConnectState', data: { ...binding, now, expiresAt: '2026-12-05T09:30:00.000Z' } })
      .then([issued]);
  });

  it('when the callback brings it back in time, then it is used', () => {
    state.given([issued]).when(use()).then([used]);
  });

  it('when it was never issued (forged), then refused with invalidState', () => {
    expect(refusalCode([], use())).toBe('invalidState');
  });

  it('when it comes back a second time, then refused with stateAlreadyUsed', () => {
    expect(refusalCode([issued, used], use())).toBe('stateAlreadyUsed');
  });

  it('when another customer brings it, then refused as if forged', () => {
    expect(refusalCode([issued], use({ customerId: 'c2' }))).toBe('invalidState');
    expect(refusalCode([issued, used], use({ customerId: 'c2' }))).toBe('invalidState');
  });

  it('when it is used for another bank, hub or connection, then refused', () => {
    expect(refusalCode([issued], use({ bankId: 'b2' }))).toBe('invalidState');
    expect(refusalCode([issued], use({ hubId: 'h2' }))).toBe('invalidState');
    expect(refusalCode([issued], use({ connectionId: 'k1' }))).toBe('invalidState');
  });

  it('when it comes back after it expired, then refused with stateExpired', () => {
    expect(refusalCode([issued], use({ now: '2026-12-05T09:30:00.000Z' }))).toBe('stateExpired');
  });

  it('when the same state is issued twice, then conflict', () => {
    state
      .given([issued])
      .when({ type: 'IssueConnectState', data: { ...binding, now, expiresAt: now } })
      .thenThrows('conflict');
  });
});
