import { describe, expect, it } from 'vitest';
import { sandboxBank } from '../../../../src/commands/hub/banks/sandbox-bank.js';
import { memoryLedger } from '../../../../src/commands/hub/banks/sandbox-ledger.js';

const now = new Date('2026-12-05T09:00:00.000Z');
const at = (minutes: number): Date => new Date(now.getTime() + minutes * 60_000);
const redirectUri = 'https://app.example/bank/return?from=consent';
const bank = () => sandboxBank('test-secret', memoryLedger());

/** Follows the consent page like a browser and returns the query it lands on. */
function consent(b: ReturnType<typeof bank>, login: string, state: string, password = login): URLSearchParams {
  const location = new URL(b.authorize({ login, password, state, redirectUri, now }));
  expect(`${location.origin}${location.pathname}`).toBe('https://app.example/bank/return');
  expect(location.searchParams.get('from')).toBe('consent');
  return location.searchParams;
}

async function connected(b: ReturnType<typeof bank>, login: string) {
  const code = consent(b, login, 'state-1').get('code')!;
  const result = await b.exchangeCode({ code, state: 'state-1', now: at(1) });
  if (!result.ok) throw new Error(result.errorCode);
  return result;
}

describe('the sandbox bank', () => {
  it('when the customer consents with a scenario login, then it redirects with a code and the state', () => {
    const query = consent(bank(), 'sandbox-ok+alice', 'state-1');
    expect(query.get('state')).toBe('state-1');
    expect(query.get('code')).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(query.get('error')).toBeNull();
  });

  it('when the login is sandbox-invalid, unknown or the password wrong, then it redirects with invalidCredentials', () => {
    const b = bank();
    for (const [login, password] of [
      ['sandbox-invalid', 'sandbox-invalid'],
      ['someone', 'someone'],
      ['sandbox-ok', 'nope'],
    ] as const) {
      const query = consent(b, login, 'state-1', password);
      expect(query.get('error')).toBe('invalidCredentials');
      expect(query.get('code')).toBeNull();
      expect(query.get('state')).toBe('state-1');
    }
  });

  it('when the code comes back with its state, then a connection with a 180-day consent and the login as fingerprint', async () => {
    const result = await connected(bank(), 'sandbox-ok+alice');
    expect(result).toMatchObject({
      credentialsFingerprint: 'sandbox-ok+alice',
      consentExpiresAt: '2027-06-03T09:01:00.000Z',
    });
    expect(result.providerConnectionId).toMatch(/^sbx-[0-9a-f]{24}$/);
  });

  it('when the code comes back with another state, forged or garbled, then invalidCode', async () => {
    const b = bank();
    const code = consent(b, 'sandbox-ok', 'state-1').get('code')!;
    const [payload] = code.split('.');
    for (const [candidate, state] of [
      [code, 'state-2'],
      [`${payload}.AAAA`, 'state-1'],
      ['not-a-code', 'state-1'],
      [`${Buffer.from('[1,2]').toString('base64url')}.x`, 'state-1'],
      ['', ''],
    ])
      expect(await b.exchangeCode({ code: candidate!, state: state!, now })).toEqual({
        ok: false,
        errorCode: 'invalidCode',
      });
    const otherSecret = sandboxBank('another-secret', memoryLedger());
    expect(await otherSecret.exchangeCode({ code, state: 'state-1', now })).toEqual({
      ok: false,
      errorCode: 'invalidCode',
    });
  });

  it('when the code comes back after ten minutes, then codeExpired', async () => {
    const b = bank();
    const code = consent(b, 'sandbox-ok', 'state-1').get('code')!;
    expect(await b.exchangeCode({ code, state: 'state-1', now: at(11) })).toEqual({
      ok: false,
      errorCode: 'codeExpired',
    });
  });

  it('when sandbox-ok syncs first on day D, then four transactions of D-1 to D-3; later syncs only what was injected', async () => {
    const b = bank();
    const { providerConnectionId } = await connected(b, 'sandbox-ok');
    const first = await b.fetchTransactions({ providerConnectionId, cursor: null, now });
    expect(first).toMatchObject({ ok: true, cursor: '0' });
    expect(
      first.ok && first.transactions.map((t) => [t.providerTransactionId, t.label, t.amount, t.purchaseDate]),
    ).toEqual([
      ['first-1', 'CB SANDBOX STORE A', -1053, '2026-12-04'],
      ['first-2', 'CB SANDBOX STORE B', -2417, '2026-12-03'],
      ['first-3', 'CB UNKNOWN SHOP', -500, '2026-12-02'],
      ['first-4', 'VIR SALAIRE', 150000, '2026-12-02'],
    ]);
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '0', now })).toEqual({
      ok: true,
      transactions: [],
      cursor: '0',
    });
  });

  it('when transactions are injected, then the next sync reads them once, after its cursor', async () => {
    const ledger = memoryLedger();
    const b = sandboxBank('test-secret', ledger);
    const code = b.authorize({ login: 'sandbox-ok', password: 'sandbox-ok', state: 's', redirectUri, now });
    const result = await b.exchangeCode({ code: new URL(code).searchParams.get('code')!, state: 's', now });
    if (!result.ok) throw new Error(result.errorCode);
    const injected = {
      label: 'CB SANDBOX STORE A',
      amount: -999,
      currency: 'EUR',
      purchaseDate: '2026-12-05',
      dateBankingStatement: '2026-12-05',
    };
    await ledger.inject(result.providerConnectionId, [injected, { ...injected, amount: -111 }]);
    const sync = await b.fetchTransactions({ providerConnectionId: result.providerConnectionId, cursor: '0', now });
    expect(sync).toEqual({
      ok: true,
      cursor: '2',
      transactions: [
        { ...injected, providerTransactionId: 'injected-1' },
        { ...injected, amount: -111, providerTransactionId: 'injected-2' },
      ],
    });
    expect(
      await b.fetchTransactions({ providerConnectionId: result.providerConnectionId, cursor: '2', now }),
    ).toMatchObject({
      transactions: [],
      cursor: '2',
    });
  });

  it('when sandbox-desync syncs a second time, then invalidCredentials until it is re-authorised with the same login', async () => {
    const b = bank();
    const { providerConnectionId } = await connected(b, 'sandbox-desync');
    expect(await b.fetchTransactions({ providerConnectionId, cursor: null, now })).toMatchObject({ ok: true });
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '0', now })).toMatchObject({
      ok: false,
      errorCode: 'invalidCredentials',
    });
    const wrong = { providerConnectionId, login: 'sandbox-ok', password: 'sandbox-ok', now };
    expect(await b.reauthorise(wrong)).toEqual({ ok: false, errorCode: 'invalidCredentials' });
    expect(await b.reauthorise({ ...wrong, login: 'sandbox-desync', password: 'sandbox-desync' })).toMatchObject({
      ok: true,
    });
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '0', now })).toMatchObject({ ok: true });
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '0', now })).toMatchObject({ ok: true });
  });

  it('when sandbox-desync is re-authorised by a new consent with the same login, then the same account, resynchronised', async () => {
    const b = bank();
    const { providerConnectionId } = await connected(b, 'sandbox-desync');
    await b.inject(providerConnectionId, [
      {
        label: 'CB KEPT',
        amount: -100,
        currency: 'EUR',
        purchaseDate: '2026-12-04',
        dateBankingStatement: '2026-12-04',
      },
    ]);
    await b.fetchTransactions({ providerConnectionId, cursor: null, now });
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '1', now })).toMatchObject({ ok: false });
    const code = consent(b, 'sandbox-desync', 'state-2').get('code')!;
    const renewed = await b.exchangeCode({ code, state: 'state-2', now: at(1), renewing: providerConnectionId });
    // Not a new account: the connection keeps its provider id, its feed and its cursor; the desync is lifted.
    expect(renewed).toMatchObject({ ok: true, providerConnectionId, credentialsFingerprint: 'sandbox-desync' });
    for (let sync = 0; sync < 3; sync++)
      expect(await b.fetchTransactions({ providerConnectionId, cursor: '1', now })).toEqual({
        ok: true,
        transactions: [],
        cursor: '1',
      });
    // Another login at the consent is another account at the bank.
    const other = consent(b, 'sandbox-ok', 'state-3').get('code')!;
    const elsewhere = await b.exchangeCode({
      code: other,
      state: 'state-3',
      now: at(1),
      renewing: providerConnectionId,
    });
    expect(elsewhere).toMatchObject({ ok: true, credentialsFingerprint: 'sandbox-ok' });
    expect(elsewhere.ok && elsewhere.providerConnectionId).not.toBe(providerConnectionId);
  });

  it('when patchBankConnection simulates invalid credentials, then every sync refuses until a re-authorisation', async () => {
    const b = bank();
    const { providerConnectionId } = await connected(b, 'sandbox-ok+sim');
    await b.simulateInvalidCredentials(providerConnectionId);
    for (const cursor of [null, '0'])
      expect(await b.fetchTransactions({ providerConnectionId, cursor, now })).toMatchObject({
        ok: false,
        errorCode: 'invalidCredentials',
      });
    await b.reauthorise({ providerConnectionId, login: 'sandbox-ok+sim', password: 'sandbox-ok+sim', now });
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '0', now })).toMatchObject({ ok: true });
  });

  it('when a decoupled consent is polled, then sandbox-decoupled is pending once, then succeeded with a code for its state', async () => {
    const b = bank();
    const details = await b.decoupledDetails({ state: 'state-d', psuId: 'sandbox-decoupled', redirectUri, now });
    expect(await b.verifyDecoupled({ decoupledDetails: details, now })).toEqual({
      ok: true,
      status: 'pending',
      callbackUri: null,
    });
    const done = await b.verifyDecoupled({ decoupledDetails: details, now: at(1) });
    if (!done.ok || done.callbackUri === null) throw new Error('not succeeded');
    expect(done.status).toBe('succeeded');
    const query = new URL(done.callbackUri).searchParams;
    expect(query.get('state')).toBe('state-d');
    expect(await b.exchangeCode({ code: query.get('code')!, state: 'state-d', now: at(2) })).toMatchObject({
      ok: true,
      credentialsFingerprint: 'sandbox-decoupled',
    });
  });

  it('when the login is refused, the details are old or altered, then failed or invalidDecoupledDetails', async () => {
    const b = bank();
    const invalid = await b.decoupledDetails({ state: 's', psuId: 'sandbox-invalid', redirectUri: null, now });
    expect(await b.verifyDecoupled({ decoupledDetails: invalid, now })).toMatchObject({ status: 'failed' });
    const ok = await b.decoupledDetails({ state: 's', psuId: 'sandbox-ok', redirectUri: null, now });
    expect(await b.verifyDecoupled({ decoupledDetails: ok, now: at(11) })).toMatchObject({ status: 'failed' });
    expect(await b.verifyDecoupled({ decoupledDetails: ok, now })).toMatchObject({ status: 'succeeded' });
    expect(await b.verifyDecoupled({ decoupledDetails: `x${ok}`, now })).toEqual({
      ok: false,
      errorCode: 'invalidDecoupledDetails',
    });
  });

  it('when sandbox-expiring syncs after its one-day consent, then psd2ConnectionExpired', async () => {
    const b = bank();
    const { providerConnectionId, consentExpiresAt } = await connected(b, 'sandbox-expiring');
    expect(consentExpiresAt).toBe('2026-12-06T09:01:00.000Z');
    expect(await b.fetchTransactions({ providerConnectionId, cursor: null, now: at(60) })).toMatchObject({ ok: true });
    expect(await b.fetchTransactions({ providerConnectionId, cursor: '0', now: at(24 * 60 + 1) })).toMatchObject({
      ok: false,
      errorCode: 'psd2ConnectionExpired',
    });
  });

  it('when the account is unknown to the bank, then psd2ConnectionInvalid', async () => {
    expect(await bank().fetchTransactions({ providerConnectionId: 'sbx-0', cursor: null, now })).toMatchObject({
      ok: false,
      errorCode: 'psd2ConnectionInvalid',
    });
  });

  it('when asked for test accounts, then one per scenario, password = login', () => {
    expect(bank().testAccounts()).toEqual(
      ['sandbox-ok', 'sandbox-invalid', 'sandbox-desync', 'sandbox-expiring', 'sandbox-decoupled'].map((s) => ({
        login: s,
        password: s,
        scenario: s,
      })),
    );
  });

  it('when a connectUrl is made, then it is the consent page with the state and redirect_uri', () => {
    const url = new URL(bank().connectUrl({ baseUrl: 'http://127.0.0.1:3000', state: 'st', redirectUri }));
    expect(url.pathname).toBe('/v1/hub/sandbox/bank/authorize');
    expect(url.searchParams.get('state')).toBe('st');
    expect(url.searchParams.get('redirect_uri')).toBe(redirectUri);
  });
});
