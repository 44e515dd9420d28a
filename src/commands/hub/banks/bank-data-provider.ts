import type { ConnectionErrorCode } from '../../../domain/hub/connections/events.js';

/** A card transaction as a provider reports it; amounts in minor units, debits negative. */
export interface ProviderTransaction {
  /** Stable within the provider connection: the transaction's stream id derives from it. */
  readonly providerTransactionId: string;
  readonly label: string;
  readonly amount: number;
  readonly currency: string;
  /** `YYYY-MM-DD`. */
  readonly purchaseDate: string;
  readonly dateBankingStatement: string;
}

/** A provider's answer: what was asked, or its refusal with its own code (passed on in details[0].code). */
export type ProviderResult<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly errorCode: string };

export interface ProviderConnection {
  readonly providerConnectionId: string;
  /** Same credentials, same fingerprint: `credentialsPreviouslyUsed` (ambiguity 31). */
  readonly credentialsFingerprint: string;
  readonly consentExpiresAt: string;
}

export interface BankDataProvider {
  /** The catalogue's `providerCode` this adapter serves. */
  readonly providerCode: string;
  /** Where the customer consents; the bank sends them back to `redirectUri` with `code` and the `state`. */
  connectUrl(input: { readonly baseUrl: string; readonly state: string; readonly redirectUri: string }): string;
  /**
   * The code the consent gave, for the provider's connection: only with the state it was given for. `renewing` names
   * the provider connection a re-authorisation by consent renews: the same credentials keep it (its feed and cursor).
   */
  exchangeCode(input: {
    readonly code: string;
    readonly state: string;
    readonly now: Date;
    readonly renewing?: string | undefined;
  }): Promise<ProviderResult<ProviderConnection>>;
  /** Non-interactive re-authorisation with the same credentials (updateBankConnection). */
  reauthorise(input: {
    readonly providerConnectionId: string;
    readonly login: string;
    readonly password: string;
    readonly now: Date;
  }): Promise<ProviderResult<{ readonly consentExpiresAt: string }>>;
  /** The feed after `cursor` (null: from the start), and the cursor after it; a refusal desynchronises. */
  fetchTransactions(input: {
    readonly providerConnectionId: string;
    readonly cursor: string | null;
    readonly now: Date;
  }): Promise<
    | { readonly ok: true; readonly transactions: ProviderTransaction[]; readonly cursor: string }
    | { readonly ok: false; readonly errorCode: ConnectionErrorCode; readonly errorMessage: string }
  >;
  /** Decoupled consent (the customer approves in the bank's app): what the front polls verify with. */
  decoupledDetails?(input: {
    readonly state: string;
    readonly psuId: string;
    readonly redirectUri: string | null;
    readonly now: Date;
  }): Promise<string>;
  /** verifyDecoupledConnection: once succeeded, `callbackUri` carries the query string for the callback routes. */
  verifyDecoupled?(input: {
    readonly decoupledDetails: string;
    readonly now: Date;
  }): Promise<
    ProviderResult<{ readonly status: 'pending' | 'succeeded' | 'failed'; readonly callbackUri: string | null }>
  >;
  /**
   * A sandbox's patchBankConnection: the account refuses its credentials until re-authorised. A real provider has
   * none, and the route refuses (422).
   */
  simulateInvalidCredentials?(providerConnectionId: string): Promise<void>;
  /** Logins that drive the provider's scenarios in a sandbox; none for a real provider. */
  testAccounts(): { login: string; password: string; scenario: string }[];
}
