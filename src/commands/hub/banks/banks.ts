import { bankDecider } from '../../../domain/hub/banks/bank.js';
import { bankEvents, hubBankEvents, type BankFields } from '../../../domain/hub/banks/events.js';
import { hubBankDecider } from '../../../domain/hub/banks/hub-bank.js';
import { DomainError } from '../../../domain/shared/errors.js';
import type { Position } from '../../../platform/eventstore/types.js';
import { idsFor, seededUuid } from '../../ids.js';
import { aggregate, type CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';

/* Stream names are stored with their events: these never change. */
export const bankStream = (bankId: string): string => `bank-${bankId}`;
/** One stream per (hub, bank), named by both, so associating twice meets the first. */
export const hubBankStream = (id: string): string => `hubbank-${id}`;
const hubBankIdOf = (hubId: string, bankId: string): string => seededUuid('goodstream:hubbank', hubId, bankId);

export const banks = aggregate({ decider: bankDecider, events: bankEvents, stream: bankStream });
export const hubBanks = aggregate({ decider: hubBankDecider, events: hubBankEvents, stream: hubBankStream });

export async function addBank(
  { store, clock }: CommandDeps,
  input: { fields: BankFields; active: boolean },
  context: CommandContext,
) {
  const bankId = idsFor(context).next();
  const command = { type: 'AddBank' as const, data: { bankId, ...input, now: clock.now().toISOString() } };
  return { ...(await banks.handle(bankId, command, { store, context })), bankId };
}

export function updateBank(
  { store, clock }: CommandDeps,
  bankId: string,
  input: { changes: Partial<BankFields>; active: boolean | undefined },
  context: CommandContext,
) {
  const command = { type: 'UpdateBank' as const, data: { ...input, now: clock.now().toISOString() } };
  return banks.handle(bankId, command, { store, context });
}

/** PUT (associate) or DELETE (dissociate) a catalogue bank for the program's hub. */
export function setHubBank(
  { store, clock }: CommandDeps,
  type: 'AssociateBank' | 'DissociateBank',
  target: { hubId: string; bankId: string },
  context: CommandContext,
) {
  const data = { ...target, programId: context.tenantId, now: clock.now().toISOString() };
  return hubBanks.handle(hubBankIdOf(target.hubId, target.bankId), { type, data }, { store, context });
}

/** The sandbox adapter's catalogue (decision 46): ids derive from the names, so every start finds the same banks. */
export const SANDBOX_BANKS: readonly BankFields[] = [
  {
    name: 'Sandbox Bank',
    cardType: 'bank',
    providerCode: 'sandbox',
    country: 'FR',
    authModels: ['redirect', 'decoupled'],
  },
  { name: 'Sandbox Resto', cardType: 'restaurant', providerCode: 'sandbox', country: 'FR', authModels: ['redirect'] },
];
export const sandboxBankId = (name: string): string => seededUuid('goodstream:bank', 'sandbox', name);

/** Adds the sandbox banks that are missing; those listed already (and what operators changed) stay as they are. */
export async function seedSandboxBanks({ store, clock }: CommandDeps): Promise<Position | undefined> {
  const context = { tenantId: 'platform', actor: 'system:hub-sandbox' };
  let last: Position | undefined;
  for (const fields of SANDBOX_BANKS) {
    const bankId = sandboxBankId(fields.name);
    const command = {
      type: 'AddBank' as const,
      data: { bankId, fields, active: true, now: clock.now().toISOString() },
    };
    try {
      last = (await banks.handle(bankId, command, { store, context })).position ?? last;
    } catch (error) {
      if (!(error instanceof DomainError && error.errorName === 'conflict')) throw error;
    }
  }
  return last;
}
