import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxBank } from '../../../../src/commands/hub/banks/sandbox-bank.js';
import { pgLedger, pgSandboxKey } from '../../../../src/commands/hub/banks/sandbox-store.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';

/* The sandbox bank's memory in PostgreSQL: two instances on one database (two processes) agree. */

const now = new Date();
const redirectUri = 'https://app.example/bank/return';
let runs = 0;
const fresh = (name: string) => `${name}-${process.pid}-${Date.now()}-${runs++}`;
const item = (label: string) => ({
  label,
  amount: -1234,
  currency: 'EUR',
  purchaseDate: '2026-12-01',
  dateBankingStatement: '2026-12-02',
});

describe('the sandbox bank in PostgreSQL', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const instance = () => sandboxBank(pgSandboxKey(infra.knex), pgLedger(infra.knex));

  it('when one instance gives a code, then another on the same database exchanges it and syncs the account', async () => {
    const [api, other] = [instance(), instance()];
    await api.ready();
    const state = fresh('state');
    const location = new URL(
      api.authorize({ login: 'sandbox-ok+pg', password: 'sandbox-ok+pg', state, redirectUri, now }),
    );
    const exchanged = await other.exchangeCode({ code: location.searchParams.get('code')!, state, now });
    expect(exchanged).toMatchObject({ ok: true, credentialsFingerprint: 'sandbox-ok+pg' });
    if (!exchanged.ok) return;
    const first = await api.fetchTransactions({
      providerConnectionId: exchanged.providerConnectionId,
      cursor: null,
      now,
    });
    expect(first).toMatchObject({ ok: true, cursor: '0' });
  });

  it('when transactions are injected at once, then each takes its own position and is read once after the cursor', async () => {
    const ledger = pgLedger(infra.knex);
    const id = fresh('sbx');
    await ledger.open(id, 'sandbox-ok', '2099-01-01T00:00:00.000Z');
    await Promise.all([
      ledger.inject(id, [item('A'), item('B')]),
      ledger.inject(id, [item('C')]),
      ledger.inject(id, []),
    ]);
    const all = await ledger.injectedAfter(id, 0);
    expect(all.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(all.map((e) => e.transaction.label).sort()).toEqual(['A', 'B', 'C']);
    expect((await ledger.injectedAfter(id, 2)).map((e) => e.position)).toEqual([3]);
  });

  it('when an account syncs, is invalidated and renewed, then it remembers each', async () => {
    const ledger = pgLedger(infra.knex);
    const id = fresh('sbx');
    expect(await ledger.account(id)).toBeNull();
    expect(await ledger.countSync(id)).toBeNull();
    await ledger.open(id, 'sandbox-desync', '2099-01-01T00:00:00.000Z');
    await ledger.countSync(id);
    expect(await ledger.countSync(id)).toMatchObject({ syncs: 2, reauthorised: false, invalid: false });
    await ledger.invalidate(id);
    expect(await ledger.account(id)).toMatchObject({ invalid: true });
    await ledger.renew(id, '2099-06-01T00:00:00.000Z');
    expect(await ledger.account(id)).toEqual({
      login: 'sandbox-desync',
      consentExpiresAt: '2099-06-01T00:00:00.000Z',
      syncs: 0,
      reauthorised: true,
      invalid: false,
    });
  });

  it('when two processes read the key, then they read the same one', async () => {
    const [a, b] = await Promise.all([pgSandboxKey(infra.knex)(), pgSandboxKey(infra.knex)()]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });
});
