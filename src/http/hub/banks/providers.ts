import { randomBytes } from 'node:crypto';
import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import { sandboxBank } from '../../../commands/hub/banks/sandbox-bank.js';
import { memoryLedger } from '../../../commands/hub/banks/sandbox-ledger.js';

/**
 * The bank data providers the app runs: the sandbox bank alone for now. Its codes are signed with a key of this
 * process and its ledger is in memory, so a consent does not outlive the process (a PostgreSQL ledger is to come).
 */
export const bankProviders = (): BankDataProvider[] => [sandboxBank(randomBytes(32).toString('hex'), memoryLedger())];
