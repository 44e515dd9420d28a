import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { BankDataProvider } from './bank-data-provider.js';
import { sandboxBank } from './sandbox-bank.js';
import { memoryLedger, type SandboxBankLedger } from './sandbox-ledger.js';
import { pgLedger, pgSandboxKey } from './sandbox-store.js';

/** Where the sandbox bank keeps its memory: in this process until a database is bound. */
let memory: { ledger: SandboxBankLedger; key: () => Promise<string> } | undefined;
let bound: { ledger: SandboxBankLedger; key: () => Promise<string> } | undefined;
const current = () => {
  memory ??= { ledger: memoryLedger(), key: () => Promise.resolve(randomBytes(32).toString('hex')) };
  return bound ?? memory;
};

/**
 * The sandbox bank keeps its ledger and signing key in this database from now on, so a consent outlives the
 * process and every API and worker process agrees. Called where a process is composed, before any request.
 */
export function bindSandboxBank(knex: Knex): void {
  // The latest wins: a process that stops its app and composes another (tests) must not keep a closed pool.
  bound = { ledger: pgLedger(knex), key: pgSandboxKey(knex) };
}

/** Back to the process's own memory (a test that runs without a database after one that bound and closed it). */
export function unbindSandboxBank(): void {
  bound = undefined;
}

/** Each call goes to the memory current at that moment (bound or not). */
const ledger: SandboxBankLedger = {
  open: (...args) => current().ledger.open(...args),
  account: (...args) => current().ledger.account(...args),
  countSync: (...args) => current().ledger.countSync(...args),
  renew: (...args) => current().ledger.renew(...args),
  invalidate: (...args) => current().ledger.invalidate(...args),
  countPoll: (...args) => current().ledger.countPoll(...args),
  inject: (...args) => current().ledger.inject(...args),
  injectedAfter: (...args) => current().ledger.injectedAfter(...args),
};

/** The sandbox bank's memory (bound or not): the sandbox card-linking provider keeps its cards' feeds there too. */
export const sandboxLedger = (): SandboxBankLedger => ledger;

let sandbox: ReturnType<typeof sandboxBank> | undefined;

/** The sandbox bank of this process, with the memory bindSandboxBank gave it (else in memory). */
export function sandboxBankProvider(): ReturnType<typeof sandboxBank> {
  sandbox ??= sandboxBank(() => current().key(), ledger);
  return sandbox;
}

/** The bank data providers the app runs: the sandbox bank alone for now. */
export const bankProviders = (): BankDataProvider[] => [sandboxBankProvider()];
