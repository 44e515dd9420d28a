import type { ProviderTransaction } from './bank-data-provider.js';

/** What the sandbox bank remembers of an account it opened at a consent. */
export interface SandboxAccount {
  readonly login: string;
  readonly consentExpiresAt: string;
  /** Syncs since the account was opened or last re-authorised. */
  readonly syncs: number;
  readonly reauthorised: boolean;
  /** Set by patchBankConnection's simulation: every sync refuses the credentials until a re-authorisation. */
  readonly invalid: boolean;
}

export type InjectedTransaction = Omit<ProviderTransaction, 'providerTransactionId'>;

/** The sandbox bank's own memory, as a real bank has one: accounts, their sync counts and injected transactions. */
export interface SandboxBankLedger {
  open(providerConnectionId: string, login: string, consentExpiresAt: string): Promise<void>;
  account(providerConnectionId: string): Promise<SandboxAccount | null>;
  /** Counts a sync of the account and returns the account as it is after it. */
  countSync(providerConnectionId: string): Promise<SandboxAccount | null>;
  /** A re-authorisation: a new consent, the sync count from zero, the simulated refusal lifted. */
  renew(providerConnectionId: string, consentExpiresAt: string): Promise<void>;
  invalidate(providerConnectionId: string): Promise<void>;
  /** Counts a poll of a decoupled consent (named by its digest) and returns how many there were. */
  countPoll(digest: string): Promise<number>;
  /** Appends to the account's feed; positions count from 1. */
  inject(providerConnectionId: string, transactions: readonly InjectedTransaction[]): Promise<void>;
  injectedAfter(
    providerConnectionId: string,
    position: number,
  ): Promise<{ position: number; transaction: InjectedTransaction }[]>;
}

/** The ledger in memory: unit tests, and a single process with nothing to keep. */
export function memoryLedger(): SandboxBankLedger {
  const accounts = new Map<string, SandboxAccount>();
  const feeds = new Map<string, InjectedTransaction[]>();
  const polls = new Map<string, number>();
  const update = (id: string, change: Partial<SandboxAccount>): SandboxAccount | null => {
    const current = accounts.get(id);
    if (current === undefined) return null;
    const next = { ...current, ...change };
    accounts.set(id, next);
    return next;
  };
  return {
    open: (id, login, consentExpiresAt) => {
      accounts.set(id, { login, consentExpiresAt, syncs: 0, reauthorised: false, invalid: false });
      return Promise.resolve();
    },
    account: (id) => Promise.resolve(accounts.get(id) ?? null),
    countSync: (id) => Promise.resolve(update(id, { syncs: (accounts.get(id)?.syncs ?? 0) + 1 })),
    renew: (id, consentExpiresAt) => {
      update(id, { consentExpiresAt, syncs: 0, reauthorised: true, invalid: false });
      return Promise.resolve();
    },
    countPoll: (digest) => {
      polls.set(digest, (polls.get(digest) ?? 0) + 1);
      return Promise.resolve(polls.get(digest)!);
    },
    invalidate: (id) => {
      update(id, { invalid: true });
      return Promise.resolve();
    },
    inject: (id, transactions) => {
      feeds.set(id, [...(feeds.get(id) ?? []), ...transactions]);
      return Promise.resolve();
    },
    injectedAfter: (id, position) =>
      Promise.resolve(
        (feeds.get(id) ?? []).map((transaction, i) => ({ position: i + 1, transaction })).slice(position),
      ),
  };
}
