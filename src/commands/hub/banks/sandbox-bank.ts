import { createHmac } from 'node:crypto';
import { constantTimeEqual, sha256Hex } from '../../../platform/crypto.js';
import type { BankDataProvider, ProviderResult, ProviderTransaction } from './bank-data-provider.js';
import type { InjectedTransaction, SandboxBankLedger } from './sandbox-ledger.js';

export const SANDBOX_SCENARIOS = [
  'sandbox-ok',
  'sandbox-invalid',
  'sandbox-desync',
  'sandbox-expiring',
  'sandbox-decoupled',
] as const;
export type SandboxScenario = (typeof SANDBOX_SCENARIOS)[number];

const DAY_MS = 86_400_000;
const CODE_LIFETIME_MS = 10 * 60_000;
export const SANDBOX_AUTHORIZE_PATH = '/v1/hub/sandbox/bank/authorize';

/** `<scenario>[+tag]`: the scenario a login plays, or null for a login the sandbox bank does not know. */
export function scenarioOf(login: string): SandboxScenario | null {
  const scenario = login.split('+')[0];
  return (SANDBOX_SCENARIOS as readonly string[]).includes(scenario ?? '') ? (scenario as SandboxScenario) : null;
}

/** A code's claims, or null when the payload is not what the sandbox signs (it was signed, so this is a bug guard). */
function readCode(payload: string): [string, string, number] | null {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (!Array.isArray(claims) || claims.length !== 3) return null;
    const [login, stateDigest, issuedAt] = claims as unknown[];
    if (typeof login !== 'string' || typeof stateDigest !== 'string' || typeof issuedAt !== 'number') return null;
    return scenarioOf(login) === null ? null : [login, stateDigest, issuedAt];
  } catch {
    return null;
  }
}

/** Decoupled details' claims when they carry the sandbox's own signature: psuId, state, redirectUri, issuedAt. */
function readDecoupled(
  details: string,
  mac: (payload: string) => string,
): [string, string, string | null, number] | null {
  const [payload = '', signature = ''] = details.split('.');
  if (!constantTimeEqual(signature, mac(payload))) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if (!Array.isArray(claims) || claims.length !== 4) return null;
    const [psuId, state, redirectUri, issuedAt] = claims as unknown[];
    if (typeof psuId !== 'string' || typeof state !== 'string' || typeof issuedAt !== 'number') return null;
    if (redirectUri !== null && typeof redirectUri !== 'string') return null;
    return [psuId, state, redirectUri, issuedAt];
  } catch {
    return null;
  }
}

const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** What `sandbox-ok` finds at the first sync of day D (api-hub.md, "Ports and sandbox adapters"). */
function firstFeed(now: Date): ProviderTransaction[] {
  const d = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const item = (n: number, label: string, amount: number, daysBack: number): ProviderTransaction => ({
    providerTransactionId: `first-${n}`,
    label,
    amount,
    currency: 'EUR',
    purchaseDate: day(d - daysBack * DAY_MS),
    dateBankingStatement: day(d - (daysBack - 1) * DAY_MS),
  });
  return [
    item(1, 'CB SANDBOX STORE A', -1053, 1),
    item(2, 'CB SANDBOX STORE B', -2417, 2),
    item(3, 'CB UNKNOWN SHOP', -500, 3),
    item(4, 'VIR SALAIRE', 150000, 3),
  ];
}

/**
 * The sandbox bank (provider code `sandbox`): logins name their scenario, the password is the login. Codes are
 * HMACs over the login, the state's digest and the time, so a code is good only with its own state and for
 * ten minutes; the ledger keeps what a bank keeps (accounts, sync counts, injected transactions). A real
 * adapter would call its aggregator here, check its webhook signatures and retry within its rate limits.
 */
export function sandboxBank(
  /** The HMAC key of the codes, or where to read it (once). */
  secret: string | (() => Promise<string>),
  ledger: SandboxBankLedger,
): BankDataProvider &
  Required<Pick<BankDataProvider, 'verifyDecoupled'>> & {
    /** Reads the key: before authorize, which is synchronous. */
    ready(): Promise<void>;
    authorize(input: { login: string; password: string; state: string; redirectUri: string; now: Date }): string;
    simulateInvalidCredentials(providerConnectionId: string): Promise<void>;
    decoupledDetails(input: { state: string; psuId: string; redirectUri: string | null; now: Date }): Promise<string>;
    /** Sandbox transaction injection: what the account's next sync finds after its cursor. */
    inject(providerConnectionId: string, transactions: readonly InjectedTransaction[]): Promise<void>;
  } {
  let key = typeof secret === 'string' ? secret : undefined;
  const ready = async () => {
    if (typeof secret !== 'string') key ??= await secret();
  };
  const mac = (payload: string): string => {
    if (key === undefined) throw new Error('the sandbox bank signs nothing before ready()');
    return createHmac('sha256', key).update(payload).digest('base64url');
  };
  const signed = (claims: unknown[]) => {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${mac(payload)}`;
  };
  const codeFor = (login: string, state: string, now: Date) => signed([login, sha256Hex(state), now.getTime()]);
  const consentFrom = (scenario: SandboxScenario, now: Date): string =>
    new Date(now.getTime() + (scenario === 'sandbox-expiring' ? 1 : 180) * DAY_MS).toISOString();
  const refused = (errorCode: string): ProviderResult<never> => ({ ok: false, errorCode });

  return {
    providerCode: 'sandbox',
    connectUrl: ({ baseUrl, state, redirectUri }) => {
      const url = new URL(SANDBOX_AUTHORIZE_PATH, baseUrl);
      url.searchParams.set('state', state);
      url.searchParams.set('redirect_uri', redirectUri);
      return url.toString();
    },

    ready,

    /** The consent page's answer: where the browser goes next. */
    authorize({ login, password, state, redirectUri, now }) {
      const target = new URL(redirectUri);
      const scenario = scenarioOf(login);
      if (scenario === null || scenario === 'sandbox-invalid' || !constantTimeEqual(password, login)) {
        target.searchParams.set('error', 'invalidCredentials');
      } else {
        target.searchParams.set('code', codeFor(login, state, now));
      }
      target.searchParams.set('state', state);
      return target.toString();
    },

    async exchangeCode({ code, state, now, renewing }) {
      await ready();
      const [payload = '', signature = ''] = code.split('.');
      if (!constantTimeEqual(signature, mac(payload))) return refused('invalidCode');
      const claims = readCode(payload);
      if (claims === null) return refused('invalidCode');
      const [login, stateDigest, issuedAt] = claims;
      if (!constantTimeEqual(stateDigest, sha256Hex(state))) return refused('invalidCode');
      if (now.getTime() - issuedAt > CODE_LIFETIME_MS) return refused('codeExpired');
      const scenario = scenarioOf(login)!;
      const consentExpiresAt = consentFrom(scenario, now);
      // A re-authorisation by consent with the account's own login renews that account (a desync lifted, its feed
      // kept); another login at the bank is another account.
      const renewed = renewing === undefined ? null : await ledger.account(renewing);
      if (renewing !== undefined && renewed !== null && constantTimeEqual(renewed.login, login)) {
        await ledger.renew(renewing, consentExpiresAt);
        return { ok: true as const, providerConnectionId: renewing, credentialsFingerprint: login, consentExpiresAt };
      }
      const providerConnectionId = `sbx-${sha256Hex(code).slice(0, 24)}`;
      await ledger.open(providerConnectionId, login, consentExpiresAt);
      return { ok: true as const, providerConnectionId, credentialsFingerprint: login, consentExpiresAt };
    },

    async reauthorise({ providerConnectionId, login, password, now }) {
      const account = await ledger.account(providerConnectionId);
      if (account === null) return refused('psd2ConnectionInvalid');
      if (!constantTimeEqual(login, account.login) || !constantTimeEqual(password, login))
        return refused('invalidCredentials');
      const consentExpiresAt = consentFrom(scenarioOf(login)!, now);
      await ledger.renew(providerConnectionId, consentExpiresAt);
      return { ok: true as const, consentExpiresAt };
    },

    async fetchTransactions({ providerConnectionId, cursor, now }) {
      const account = await ledger.countSync(providerConnectionId);
      if (account === null) return { ok: false, errorCode: 'psd2ConnectionInvalid', errorMessage: 'unknown account' };
      if (now.toISOString() >= account.consentExpiresAt)
        return { ok: false, errorCode: 'psd2ConnectionExpired', errorMessage: 'the consent has expired' };
      const desync = scenarioOf(account.login) === 'sandbox-desync' && account.syncs >= 2 && !account.reauthorised;
      if (account.invalid || desync)
        return { ok: false, errorCode: 'invalidCredentials', errorMessage: 'the bank refused the credentials' };
      const after = cursor === null ? 0 : Number(cursor);
      const injected = await ledger.injectedAfter(providerConnectionId, Number.isSafeInteger(after) ? after : 0);
      const transactions = [
        ...(cursor === null ? firstFeed(now) : []),
        ...injected.map(({ position, transaction }) => ({
          ...transaction,
          providerTransactionId: `injected-${position}`,
        })),
      ];
      return { ok: true, transactions, cursor: String(injected.at(-1)?.position ?? after) };
    },

    inject: (providerConnectionId, transactions) => ledger.inject(providerConnectionId, transactions),

    async decoupledDetails({ state, psuId, redirectUri, now }) {
      await ready();
      return signed([psuId, state, redirectUri, now.getTime()]);
    },

    async verifyDecoupled({ decoupledDetails, now }) {
      await ready();
      const details = readDecoupled(decoupledDetails, mac);
      if (details === null) return refused('invalidDecoupledDetails');
      const [psuId, state, redirectUri, issuedAt] = details;
      const scenario = scenarioOf(psuId);
      if (scenario === null || scenario === 'sandbox-invalid' || now.getTime() - issuedAt > CODE_LIFETIME_MS)
        return { ok: true as const, status: 'failed' as const, callbackUri: null };
      // sandbox-decoupled makes the front wait one poll, as a customer opening the bank's app would.
      const polls = await ledger.countPoll(sha256Hex(decoupledDetails));
      if (scenario === 'sandbox-decoupled' && polls < 2)
        return { ok: true as const, status: 'pending' as const, callbackUri: null };
      const code = codeFor(psuId, state, now);
      let callbackUri = `?${new URLSearchParams({ code, state }).toString()}`;
      if (redirectUri !== null) {
        const target = new URL(redirectUri);
        target.searchParams.set('code', code);
        target.searchParams.set('state', state);
        callbackUri = target.toString();
      }
      return { ok: true as const, status: 'succeeded' as const, callbackUri };
    },

    simulateInvalidCredentials: (providerConnectionId) => ledger.invalidate(providerConnectionId),

    testAccounts: () => SANDBOX_SCENARIOS.map((scenario) => ({ login: scenario, password: scenario, scenario })),
  };
}
