import type { BankDataProvider } from '../banks/bank-data-provider.js';
import { bankProviders } from '../banks/providers.js';
import type { InjectedTransaction } from '../banks/sandbox-ledger.js';

/*
 * The bank data provider bankSync reads a connection's feed from, by provider code: the app's own (the same
 * instances as the consent routes use), unless one was put in its place (bench:hub's generated feeds).
 */
const replaced = new Map<string, BankDataProvider>();

/** Puts providers in place of the app's ones with the same code, in this process. */
export function registerBankProviders(providers: readonly BankDataProvider[]): void {
  for (const provider of providers) replaced.set(provider.providerCode, provider);
}

export const bankProviderFor = (providerCode: string): BankDataProvider | undefined =>
  replaced.get(providerCode) ?? bankProviders().find((p) => p.providerCode === providerCode);

/** A sandbox provider that takes transactions into an account's feed (the sandbox bank). */
export interface InjectingProvider extends BankDataProvider {
  inject(providerConnectionId: string, transactions: readonly InjectedTransaction[]): Promise<void>;
}

export const canInject = (provider: BankDataProvider | undefined): provider is InjectingProvider =>
  provider !== undefined && typeof (provider as Partial<InjectingProvider>).inject === 'function';
