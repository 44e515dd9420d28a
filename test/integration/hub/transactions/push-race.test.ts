import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxBank } from '../../../../src/commands/hub/banks/sandbox-bank.js';
import { memoryLedger } from '../../../../src/commands/hub/banks/sandbox-ledger.js';
import { bindSandboxBank, sandboxLedger } from '../../../../src/commands/hub/banks/providers.js';
import { cardConnections } from '../../../../src/commands/hub/connections/cards.js';
import { connections } from '../../../../src/commands/hub/connections/connections.js';
import { cardLinkingFor } from '../../../../src/commands/hub/ports/card-linking.js';
import { pushHub, type PushProgress } from '../../../../src/commands/hub/pushes/push.js';
import { dissociateTransaction } from '../../../../src/commands/hub/transactions/association.js';
import { syncConnection, type BankSyncDeps } from '../../../../src/commands/hub/transactions/bank-sync.js';
import { compileStoreMatcher } from '../../../../src/commands/hub/transactions/store-matcher.js';
import { pushStream, transactionIdOf } from '../../../../src/commands/hub/streams.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { fixedClock } from '../../../../src/platform/clock.js';
import { START, type Position } from '../../../../src/platform/eventstore/position.js';
import { WrongExpectedRevisionError } from '../../../../src/platform/eventstore/types.js';
import { transactionsProjection } from '../../../../src/projections/hub/transactions/projection.js';
import { pushDeps } from '../../../../src/projections/hub/transactions/wiring.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb } from '../../../support/projection-spec.js';

const NOW = new Date('2026-12-05T09:00:00.000Z');
const clock = fixedClock(NOW);
const shop = { id: randomUUID(), externalId: 'R-1', type: 'store' as const, patterns: ['RACE SHOP'] };
const purchase = (i: number) => ({
  label: `CB RACE SHOP ${i}`,
  amount: -(100 + i),
  currency: 'EUR',
  purchaseDate: '2026-12-04',
  dateBankingStatement: '2026-12-05',
});
const newEvent = (type: string) => ({ id: randomUUID(), type, data: { n: 1 } });

describe('transactionPush against dissociation, card syncs, and the store writes they rest on', () => {
  let infra: TestInfra;
  let read: Position = START;
  let deps: BankSyncDeps;
  const ledger = memoryLedger();
  const bank = sandboxBank('secret', ledger);
  const hubId = randomUUID();
  const programId = randomUUID();
  const context = { tenantId: programId, actor: 'test' };
  beforeAll(async () => {
    infra = await openTestInfra();
    // Test files share their worker's modules: the sandbox bank may still be bound to an earlier file's closed pool.
    bindSandboxBank(infra.knex);
    const matcher = compileStoreMatcher([shop]);
    deps = {
      store: infra.store,
      clock,
      providerFor: () => bank,
      cardsFor: cardLinkingFor,
      matcherOf: () => Promise.resolve(matcher),
    };
  });
  afterAll(() => infra.close());

  /** Feeds the read model what the store holds past what it was fed; `withPushes: false` holds the pushes back. */
  async function project(withPushes = true): Promise<void> {
    const page = await infra.store.readAll({ from: read, maxCount: 100_000 });
    const pushes = new Set(['TransactionPushed', 'TransactionsPushed']);
    await applyToDb(
      infra.knex,
      transactionsProjection,
      page.events.filter((e) => withPushes || !pushes.has(e.type)),
    );
    read = page.next;
  }

  /** A sandbox-ok connection whose feed holds `n` RACE SHOP purchases, synced and projected: their ids. */
  async function syncedPurchases(n: number, withPushes = true): Promise<string[]> {
    const connectionId = randomUUID();
    const providerConnectionId = `sbx-${connectionId}`;
    await ledger.open(providerConnectionId, 'sandbox-ok+race', '2027-06-01T00:00:00.000Z');
    await ledger.inject(
      providerConnectionId,
      Array.from({ length: n }, (_, i) => purchase(i)),
    );
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
    await connections.handle(connectionId, { type: 'CreateConnection', data }, { store: infra.store, context });
    expect(await syncConnection(deps, connectionId)).toMatchObject({ outcome: 'synced', matched: n });
    await project(withPushes);
    return Array.from({ length: n }, (_, i) => transactionIdOf(connectionId, `injected-${i + 1}`));
  }

  const typesOf = async (id: string) => (await infra.store.readStream(`transaction-${id}`)).map((e) => e.type);
  const pushedIds = async () => {
    const page = await infra.store.readAll({ filter: { eventTypes: ['TransactionsPushed'] }, maxCount: 100_000 });
    // Other files' pushes share the log: this hub's only.
    const ofHub = page.events.filter((e) => e.data.hubId === hubId);
    return ofHub.flatMap((e) => (e.data as { transactionIds: string[] }).transactionIds);
  };

  /**
   * What the batches holding any of `ids` sent, read from the streams: readAll stops at the read horizon, which a
   * transaction elsewhere in the database (an autovacuum's analyze) can hold back for a moment.
   */
  const sentInBatchesOf = async (ids: readonly string[]) => {
    const batches = new Set<string>();
    for (const id of ids)
      for (const e of await infra.store.readStream(`transaction-${id}`))
        if (e.type === 'TransactionPushed') batches.add(e.data.batchId as string);
    const sent = new Set<string>();
    for (const batchId of batches)
      for (const e of await infra.store.readStream(pushStream(batchId)))
        for (const id of e.data.transactionIds as string[]) sent.add(id);
    return sent;
  };

  it('appendNewStreams starts only the streams not there; appendAtomically writes all or nothing', async () => {
    const [a, b, c] = [`racetest-${randomUUID()}`, `racetest-${randomUUID()}`, `racetest-${randomUUID()}`];
    await infra.store.append(a, [newEvent('Was')], { expectedRevision: 'no_stream' });
    const written = await infra.store.appendNewStreams([
      { stream: a, events: [newEvent('New'), newEvent('New')] },
      { stream: b, events: [newEvent('New'), newEvent('New')] },
    ]);
    expect([...written]).toEqual([b]);
    expect((await infra.store.readStream(a)).map((e) => e.type)).toEqual(['Was']);
    expect((await infra.store.readStream(b)).map((e) => e.revision)).toEqual([0n, 1n]);

    // b is at 1, not 0: nothing is written, c included.
    const stale = infra.store.appendAtomically([
      { stream: c, events: [newEvent('C')], expectedRevision: 'no_stream' },
      { stream: b, events: [newEvent('B')], expectedRevision: 0n },
    ]);
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    await expect(stale).rejects.toMatchObject({ stream: b, actual: 1n });
    expect(await infra.store.readStream(c)).toEqual([]);
    // a exists: no_stream fails it, and b's good revision is not written either.
    await expect(
      infra.store.appendAtomically([
        { stream: b, events: [newEvent('B')], expectedRevision: 1n },
        { stream: a, events: [newEvent('A')], expectedRevision: 'no_stream' },
      ]),
    ).rejects.toMatchObject({ stream: a });
    expect(await infra.store.readStream(b)).toHaveLength(2);
    await infra.store.appendAtomically([
      { stream: c, events: [newEvent('C')], expectedRevision: 'no_stream' },
      { stream: b, events: [newEvent('B'), newEvent('B')], expectedRevision: 1n },
    ]);
    expect((await infra.store.readStream(b)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
    expect(await infra.store.readStream(c)).toHaveLength(1);
  });

  it('a push and dissociations racing: each transaction is pushed or dissociated, never both', async () => {
    const ids = await syncedPurchases(30);
    const pushing = pushDeps(infra.knex, infra.store, clock);
    const targets = ids.filter((_, i) => i % 3 === 0);
    const settled = await Promise.allSettled([
      pushHub(pushing, hubId),
      ...targets.map((id) => dissociateTransaction(deps, id, context)),
    ]);
    const dissociations = settled.slice(1);
    const pushed = await sentInBatchesOf(ids);
    for (const [i, id] of targets.entries()) {
      const outcome = dissociations[i]!;
      const types = await typesOf(id);
      if (outcome.status === 'fulfilled') {
        // It won: off its store, and in no batch.
        expect(types).toContain('TransactionDissociated');
        expect(types).not.toContain('TransactionPushed');
        expect(pushed.has(id)).toBe(false);
      } else {
        // The push won: the dissociation was refused on the stream, which holds the push.
        expect(outcome.reason).toBeInstanceOf(DomainError);
        expect((outcome.reason as DomainError).details[0]?.code).toBe('transactionAlreadyPushed');
        expect(types).not.toContain('TransactionDissociated');
        expect(pushed.has(id)).toBe(true);
      }
    }
    // Every transaction of a batch holds its TransactionPushed, and only those.
    for (const id of ids) expect((await typesOf(id)).includes('TransactionPushed')).toBe(pushed.has(id));
  });

  it('a dissociation the read model has not seen yet: the push leaves that transaction out and sends the rest', async () => {
    const ids = await syncedPurchases(5);
    const [gone, ...rest] = ids;
    await dissociateTransaction(deps, gone!, context);
    // Not projected: the read model still shows it matched and unpushed, at its old revision.
    const pushing = pushDeps(infra.knex, infra.store, clock);
    const before = new Set(await pushedIds());
    await pushHub(pushing, hubId);
    const now = (await pushedIds()).filter((id) => !before.has(id));
    expect(now).not.toContain(gone);
    expect(now).toEqual(expect.arrayContaining(rest));
    await expect(dissociateTransaction(deps, rest[0]!, context)).rejects.toMatchObject({
      details: [{ code: 'transactionAlreadyPushed' }],
    });
  });

  it('a read model behind the pushes: a run passes over the batches sent (read from their streams), pushes the rest', async () => {
    const pushing = pushDeps(infra.knex, infra.store, clock);
    await pushHub(pushing, hubId);
    await project();
    const sent = await syncedPurchases(150);
    expect(await pushHub(pushing, hubId)).toEqual({ batches: 2, transactions: 150 });
    // The pushes are not applied: the read model still shows those 150 unpushed, before 3 new ones.
    const fresh = await syncedPurchases(3, false);
    const before = (await pushedIds()).length;
    expect(await pushHub(pushing, hubId)).toEqual({ batches: 1, transactions: 3 });
    const now = await pushedIds();
    expect(now.slice(before)).toEqual(expect.arrayContaining(fresh));
    expect(now).toHaveLength(before + 3);
    expect(new Set(now).size).toBe(now.length);
    expect(sent.every((id) => now.includes(id))).toBe(true);
  });

  it('a run starts where the last one ended (its progress): a read model behind its pushes costs it no conflict', async () => {
    const pushing = pushDeps(infra.knex, infra.store, clock);
    await pushHub(pushing, hubId);
    await project();
    let writes = 0;
    const store = Object.create(infra.store) as typeof infra.store;
    store.appendAtomically = (w) => {
      writes++;
      return infra.store.appendAtomically(w);
    };
    const counting = { ...pushing, store };
    const progress: PushProgress = { after: null };
    const first = await syncedPurchases(120);
    // Earlier cases left pushes the read model never saw: this run passes over them (one write each), then pushes.
    await pushHub(counting, hubId, progress);
    expect((await pushedIds()).slice(-120)).toEqual(expect.arrayContaining(first));
    // Not projected: the read model still shows the 120 unpushed, before 3 new ones.
    const fresh = await syncedPurchases(3, false);
    writes = 0;
    expect(await pushHub(counting, hubId, progress)).toEqual({ batches: 1, transactions: 3 });
    expect(writes).toBe(1);
    expect((await pushedIds()).slice(-3)).toEqual(expect.arrayContaining(fresh));
  });

  it('a linked card is synced from its card-linking feed: injected purchases imported and matched once', async () => {
    const connectionId = randomUUID();
    const providerCardId = `card_tok_race_${connectionId}`;
    const linked = {
      connectionId,
      hubId,
      programId,
      customerId: randomUUID(),
      providerCode: 'sandbox',
      providerCardId,
      last4: '4242',
      transactionsEligibleFromDate: '2026-11-01T00:00:00.000Z',
      now: NOW.toISOString(),
    };
    await cardConnections.handle(connectionId, { type: 'LinkCard', data: linked }, { store: infra.store, context });
    expect(await syncConnection(deps, connectionId)).toEqual({ outcome: 'synced', imported: 0, matched: 0 });
    await sandboxLedger().inject(providerCardId, [purchase(1), { ...purchase(2), label: 'CB ELSEWHERE' }]);
    expect(await syncConnection(deps, connectionId)).toEqual({ outcome: 'synced', imported: 2, matched: 1 });
    expect(await syncConnection(deps, connectionId)).toEqual({ outcome: 'synced', imported: 0, matched: 0 });
    const stream = await infra.store.readStream(`connection-${connectionId}`);
    expect(stream.map((e) => e.type)).toEqual([
      'CardConnectionLinked',
      'CardConnectionSynced',
      'CardConnectionSynced',
      'CardConnectionSynced',
    ]);
    expect(stream.at(-1)?.data).toMatchObject({ cursor: '2', imported: 0 });
    const first = transactionIdOf(connectionId, 'injected-1');
    expect(await typesOf(first)).toEqual(['TransactionImported', 'TransactionMatched']);
    expect((await infra.store.readStream(`transaction-${first}`))[0]?.data).toMatchObject({
      connectionId,
      dataProviderType: 'bank',
      label: 'CB RACE SHOP 1',
    });
  });
});
