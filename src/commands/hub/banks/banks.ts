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

/** PUT (associate, with the bank's status then) or DELETE (dissociate) a catalogue bank for the program's hub. */
export function setHubBank(
  { store, clock }: CommandDeps,
  change: { type: 'AssociateBank'; bankActive: boolean } | { type: 'DissociateBank' },
  target: { hubId: string; bankId: string },
  context: CommandContext,
) {
  const data = { ...target, programId: context.tenantId, now: clock.now().toISOString() };
  const command =
    change.type === 'AssociateBank'
      ? { type: change.type, data: { ...data, bankActive: change.bankActive } }
      : { type: change.type, data };
  return hubBanks.handle(hubBankIdOf(target.hubId, target.bankId), command, { store, context });
}

/**
 * Tells each hub holding the bank its status (flow 7.2), on that hub's own stream and for its program, so the
 * dispatcher addresses each program. Run again (a retried PATCH), it tells only the hubs not told yet.
 */
export async function notifyBankStatus(
  { store, clock }: CommandDeps,
  bank: { bankId: string; active: boolean },
  holders: readonly { hubId: string; programId: string }[],
  /** Who acts; each append is for the hub's program whatever tenant it names. */
  context: CommandContext,
): Promise<Position | undefined> {
  let last: Position | undefined;
  for (const { hubId, programId } of holders) {
    const data = { hubId, programId, ...bank, now: clock.now().toISOString() };
    const result = await hubBanks.handle(
      hubBankIdOf(hubId, bank.bankId),
      { type: 'NotifyBankStatus', data },
      { store, context: { ...context, tenantId: programId } },
    );
    last = result.position ?? last;
  }
  return last;
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
