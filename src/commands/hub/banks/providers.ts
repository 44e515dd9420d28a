import { randomBytes } from 'node:crypto';
import type { BankDataProvider } from './bank-data-provider.js';
import { sandboxBank } from './sandbox-bank.js';
import { memoryLedger } from './sandbox-ledger.js';

let sandbox: ReturnType<typeof sandboxBank> | undefined;

/**
 * The sandbox bank of this process. Its codes are signed with a key of this process and its ledger is in
 * memory, so a consent does not outlive the process (a PostgreSQL ledger is still to come).
 */
export function sandboxBankProvider(): ReturnType<typeof sandboxBank> {
  sandbox ??= sandboxBank(randomBytes(32).toString('hex'), memoryLedger());
  return sandbox;
}

/** The bank data providers the app runs: the sandbox bank alone for now. */
export const bankProviders = (): BankDataProvider[] => [sandboxBankProvider()];
