import type { BankDataProvider } from '../banks/bank-data-provider.js';
import type { InjectedTransaction } from '../banks/sandbox-ledger.js';

/*
 * The bank data providers this process runs, by provider code. The adapters are built where the API is composed
 * (the sandbox bank keeps its consents in that instance), and bankSync must use the very same instances; a process
 * that registered none (a worker-only process, until the sandbox ledger lives in PostgreSQL) syncs nothing.
 */
const registered = new Map<string, BankDataProvider>();

export function registerBankProviders(providers: readonly BankDataProvider[]): void {
  for (const provider of providers) registered.set(provider.providerCode, provider);
}

export const bankProviderFor = (providerCode: string): BankDataProvider | undefined => registered.get(providerCode);

/** A sandbox provider that takes transactions into an account's feed (the sandbox bank). */
export interface InjectingProvider extends BankDataProvider {
  inject(providerConnectionId: string, transactions: readonly InjectedTransaction[]): Promise<void>;
}

export const canInject = (provider: BankDataProvider | undefined): provider is InjectingProvider =>
  provider !== undefined && typeof (provider as Partial<InjectingProvider>).inject === 'function';
