import { describe, it } from 'vitest';
import { bankDecider } from '../../../../src/domain/hub/banks/bank.js';
import type { BankEvent, HubBankEvent } from '../../../../src/domain/hub/banks/events.js';
import { hubBankDecider } from '../../../../src/domain/hub/banks/hub-bank.js';
import { spec } from '../../../support/decider.js';

const now = '2026-12-05T09:00:00.000Z';
const fields = {
  name: 'Sandbox Bank',
  cardType: 'bank' as const,
  providerCode: 'sandbox',
  country: 'FR',
  authModels: ['redirect' as const, 'decoupled' as const],
};
const added: BankEvent = { type: 'BankAdded', data: { bankId: 'b1', fields, active: true, addedAt: now } };

describe('a catalogue bank', () => {
  const bank = spec(bankDecider);

  it('when an operator adds a bank, then BankAdded', () => {
    bank
      .given([])
      .when({ type: 'AddBank', data: { bankId: 'b1', fields, active: true, now } })
      .then([added]);
  });

  it('when the bank is in the catalogue already, then conflict', () => {
    bank
      .given([added])
      .when({ type: 'AddBank', data: { bankId: 'b1', fields, active: true, now } })
      .thenThrows('conflict');
  });

  it('when a field changes, then BankUpdated with that field alone', () => {
    bank
      .given([added])
      .when({ type: 'UpdateBank', data: { changes: { name: 'Sandbox Bank 2', country: 'FR' }, now } })
      .then([{ type: 'BankUpdated', data: { bankId: 'b1', changes: { name: 'Sandbox Bank 2' }, updatedAt: now } }]);
  });

  it('when active flips, then BankStatusChanged (bank_status_update)', () => {
    bank
      .given([added])
      .when({ type: 'UpdateBank', data: { changes: {}, active: false, now } })
      .then([{ type: 'BankStatusChanged', data: { bankId: 'b1', active: false, changedAt: now } }]);
  });

  it('when the PATCH repeats the current values, then nothing', () => {
    bank
      .given([added])
      .when({ type: 'UpdateBank', data: { changes: { authModels: ['redirect', 'decoupled'] }, active: true, now } })
      .then([]);
  });

  it('when the bank is unknown, then not found', () => {
    bank
      .given([])
      .when({ type: 'UpdateBank', data: { changes: {}, active: false, now } })
      .thenThrows('not_found');
  });
});

describe("a hub's bank", () => {
  const hubBank = spec(hubBankDecider);
  const target = { hubId: 'h1', programId: 'p1', bankId: 'b1', now };
  const associated: HubBankEvent = {
    type: 'HubBankAssociated',
    data: { hubId: 'h1', programId: 'p1', bankId: 'b1', bankActive: true, associatedAt: now },
  };
  const dissociated: HubBankEvent = {
    type: 'HubBankDissociated',
    data: { hubId: 'h1', programId: 'p1', bankId: 'b1', dissociatedAt: now },
  };

  const associate = { type: 'AssociateBank' as const, data: { ...target, bankActive: true } };
  const notify = (active: boolean) => ({ type: 'NotifyBankStatus' as const, data: { ...target, active } });
  const notified = (active: boolean): HubBankEvent => ({
    type: 'HubBankStatusNotified',
    data: { hubId: 'h1', programId: 'p1', bankId: 'b1', active, notifiedAt: now },
  });

  it('when the program associates a bank, then HubBankAssociated', () => {
    hubBank.given([]).when(associate).then([associated]);
  });

  it('when it associates it again, then nothing (PUT)', () => {
    hubBank.given([associated]).when(associate).then([]);
  });

  it('when the held bank is switched off, then the hub is told once; on again, told again', () => {
    hubBank
      .given([associated])
      .when(notify(false))
      .then([notified(false)]);
    hubBank
      .given([associated, notified(false)])
      .when(notify(false))
      .then([]);
    hubBank
      .given([associated, notified(false)])
      .when(notify(true))
      .then([notified(true)]);
  });

  it('when the status is the one the hub knows, or the hub let the bank go, then nothing', () => {
    hubBank.given([associated]).when(notify(true)).then([]);
    hubBank.given([associated, dissociated]).when(notify(false)).then([]);
    hubBank.given([]).when(notify(false)).then([]);
  });

  it('when the association predates the recorded status, then any status is told', () => {
    const older: HubBankEvent = {
      type: 'HubBankAssociated',
      data: { hubId: 'h1', programId: 'p1', bankId: 'b1', associatedAt: now },
    };
    hubBank
      .given([older])
      .when(notify(true))
      .then([notified(true)]);
  });

  it('when it dissociates a held bank, then HubBankDissociated', () => {
    hubBank.given([associated]).when({ type: 'DissociateBank', data: target }).then([dissociated]);
  });

  it('when it dissociates a bank it does not hold, then not found', () => {
    hubBank.given([associated, dissociated]).when({ type: 'DissociateBank', data: target }).thenThrows('not_found');
  });

  it('when it associates a dissociated bank, then HubBankAssociated again', () => {
    hubBank.given([associated, dissociated]).when(associate).then([associated]);
  });
});
