import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxBank } from '../../../../src/commands/hub/banks/sandbox-bank.js';
import { memoryLedger } from '../../../../src/commands/hub/banks/sandbox-ledger.js';
import { connections } from '../../../../src/commands/hub/connections/connections.js';
import { pushHub } from '../../../../src/commands/hub/pushes/push.js';
import { syncConnection, type BankSyncDeps } from '../../../../src/commands/hub/transactions/bank-sync.js';
import { groupedAppends, groupedNewStreams } from '../../../../src/commands/hub/transactions/grouped-imports.js';
import { compileStoreMatcher } from '../../../../src/commands/hub/transactions/store-matcher.js';
import { fixedClock } from '../../../../src/platform/clock.js';
import { START, type Position } from '../../../../src/platform/eventstore/position.js';
import { WrongExpectedRevisionError } from '../../../../src/platform/eventstore/types.js';
import { transactionsProjection } from '../../../../src/projections/hub/transactions/projection.js';
import { pushDeps } from '../../../../src/projections/hub/transactions/wiring.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb } from '../../../support/projection-spec.js';

const NOW = new Date('2026-12-05T09:00:00.000Z');
const clock = fixedClock(NOW);
const event = () => ({ id: randomUUID(), type: 'Noted', data: { n: 1 } });
const stream = () => `groupedtest-${randomUUID()}`;
const store = { id: randomUUID(), externalId: 'A-1', type: 'store' as const, patterns: ['SANDBOX STORE A'] };

describe('bankSync and transactionPush on a real event store', () => {
  let infra: TestInfra;
  let read: Position = START;
  const ledger = memoryLedger();
  const bank = sandboxBank('secret', ledger);
  const hubId = randomUUID();
  const programId = randomUUID();
  let deps: BankSyncDeps;
  beforeAll(async () => {
    infra = await openTestInfra();
    const matcher = compileStoreMatcher([store]);
    deps = {
      store: infra.store,
      clock,
      providerFor: () => bank,
      cardsFor: () => undefined,
      matcherOf: () => Promise.resolve(matcher),
    };
  });
  afterAll(() => infra.close());

  /** Feeds the read model what the store holds past what it was fed, as the runner would. */
  async function project(): Promise<void> {
    const page = await infra.store.readAll({ from: read, maxCount: 100_000 });
    await applyToDb(infra.knex, transactionsProjection, page.events);
    read = page.next;
  }

  async function connection(login: string): Promise<string> {
    const connectionId = randomUUID();
    const providerConnectionId = `sbx-${connectionId}`;
    await ledger.open(providerConnectionId, login, '2027-06-01T00:00:00.000Z');
    const data = {
      connectionId,
      hubId,
      programId,
      customerId: randomUUID(),
      bankId: randomUUID(),
      providerCode: 'sandbox',
      providerConnectionId,
      credentialsDigest: 'digest',
      dataProviderType: 'bank' as const,
      transactionsEligibleFromDate: '2026-11-01T00:00:00.000Z',
      consentExpiresAt: '2027-06-01T00:00:00.000Z',
      credentialsPreviouslyUsed: false,
      now: NOW.toISOString(),
    };
    const context = { tenantId: programId, actor: 'test' };
    await connections.handle(connectionId, { type: 'CreateConnection', data }, { store: infra.store, context });
    return connectionId;
  }

  const pushedIds = async () => {
    const page = await infra.store.readAll({ filter: { eventTypes: ['TransactionsPushed'] }, maxCount: 100_000 });
    // Other files' pushes share the log: this hub's only.
    const ofHub = page.events.filter((e) => e.data.hubId === hubId);
    return ofHub.flatMap((e) => (e.data as { transactionIds: string[] }).transactionIds);
  };

  it('imports each provider transaction once, and two pushers at once push each matched one once', async () => {
    const id = await connection('sandbox-ok+push');
    const purchases = Array.from({ length: 250 }, (_, i) => ({
      label: `CB SANDBOX STORE A ${i}`,
      amount: -(100 + i),
      currency: 'EUR',
      purchaseDate: '2026-12-04',
      dateBankingStatement: '2026-12-05',
    }));
    await ledger.inject(`sbx-${id}`, purchases);
    // The first feed adds sandbox-ok's four: Store A matches, Store B is not a store of this hub.
    expect(await syncConnection(deps, id)).toEqual({ outcome: 'synced', imported: 254, matched: 251 });
    expect(await syncConnection(deps, id)).toEqual({ outcome: 'synced', imported: 0, matched: 0 });
    await project();

    const pushing = pushDeps(infra.knex, infra.store, clock);
    const [one, two] = await Promise.all([pushHub(pushing, hubId), pushHub(pushing, hubId)]);
    const ids = await pushedIds();
    expect(ids).toHaveLength(251);
    expect(new Set(ids).size).toBe(251);
    expect(one.transactions + two.transactions).toBe(251);

    // The read model has not seen the pushes yet: a third pusher meets the first batch's stream and stops.
    expect(await pushHub(pushing, hubId)).toEqual({ batches: 0, transactions: 0 });
    await project();
    expect(await pushHub(pushing, hubId)).toEqual({ batches: 0, transactions: 0 });
    expect(await pushedIds()).toHaveLength(251);
  });

  it('a failing sync desynchronises the connection; a later good one resynchronises it', async () => {
    const id = await connection('sandbox-desync+one');
    expect(await syncConnection(deps, id)).toMatchObject({ outcome: 'synced', imported: 4 });
    expect(await syncConnection(deps, id)).toEqual({ outcome: 'desynchronized', errorCode: 'invalidCredentials' });
    const types = async () => (await infra.store.readStream(`connection-${id}`)).map((e) => e.type);
    expect(await types()).toEqual(['BankConnectionCreated', 'BankConnectionSynced', 'BankConnectionDesynchronized']);
    // The customer re-authorises with the same login: the next sync is good again.
    expect(
      await bank.reauthorise({
        providerConnectionId: `sbx-${id}`,
        login: 'sandbox-desync+one',
        password: 'sandbox-desync+one',
        now: NOW,
      }),
    ).toMatchObject({ ok: true });
    expect(await syncConnection(deps, id)).toMatchObject({ outcome: 'synced', imported: 0 });
    expect((await types()).slice(-2)).toEqual(['BankConnectionResynchronized', 'BankConnectionSynced']);
  });

  it('when appends at expected revisions come together, then they land in one write; one elsewhere fails alone', async () => {
    const [a, b, c] = [stream(), stream(), stream()];
    for (const s of [a, b, c]) await infra.store.append(s, [event()], { expectedRevision: 'no_stream' });
    let writes = 0;
    const store = Object.create(infra.store) as typeof infra.store;
    store.appendAtomically = (w) => {
      writes++;
      return infra.store.appendAtomically(w);
    };
    const append = groupedAppends({ inFlight: 1, maxStreams: 10 });
    // The first goes alone; the two that come while it runs go together.
    const together = await Promise.allSettled([
      append(store, { stream: a, events: [event()], expectedRevision: 0n }),
      append(store, { stream: b, events: [event()], expectedRevision: 0n }),
      append(store, { stream: c, events: [event()], expectedRevision: 0n }),
    ]);
    expect(together.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(writes).toBe(1);
    const apart = await Promise.allSettled([
      append(store, { stream: a, events: [event()], expectedRevision: 1n }),
      append(store, { stream: b, events: [event()], expectedRevision: 1n }),
      append(store, { stream: c, events: [event()], expectedRevision: 0n }),
    ]);
    expect(apart.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((apart[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    const revisions = async (s: string) => (await infra.store.readStream(s)).map((e) => e.revision);
    expect([await revisions(a), await revisions(b), await revisions(c)]).toEqual([
      [0n, 1n, 2n],
      [0n, 1n, 2n],
      [0n, 1n],
    ]);
  });

  it('when two callers start the same stream together, then it is written once, counted by the first', async () => {
    const [shared, own] = [stream(), stream()];
    const starts = groupedNewStreams({ inFlight: 1, maxStreams: 10 });
    const [first, second] = await Promise.all([
      starts.write(infra.store, [{ stream: shared, events: [event()] }]),
      starts.write(infra.store, [
        { stream: shared, events: [event()] },
        { stream: own, events: [event()] },
      ]),
    ]);
    expect([[...first], [...second]]).toEqual([[shared], [own]]);
    expect(await infra.store.readStream(shared)).toHaveLength(1);
  });
});
