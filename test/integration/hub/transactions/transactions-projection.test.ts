import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionStream } from '../../../../src/commands/hub/connections/connections.js';
import { pushStream, transactionStream } from '../../../../src/commands/hub/streams.js';
import { cardConnectionEvents, connectionEvents } from '../../../../src/domain/hub/connections/events.js';
import { pushEvents } from '../../../../src/domain/hub/pushes/events.js';
import { transactionEvents } from '../../../../src/domain/hub/transactions/events.js';
import { transactionsProjection } from '../../../../src/projections/hub/transactions/projection.js';
import {
  connectionsDue,
  hubsWithUnpushed,
  transactionsByIds,
  unpushed,
} from '../../../../src/projections/hub/transactions/queries.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';

/* One case per event type the transactions projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-12-05T09:00:00.000Z';
const LATER = '2026-12-06T09:00:00.000Z';
const storeA = { id: randomUUID(), externalId: 'A-1', type: 'store' as const };

describe('the hub transactions projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const tx = (transactionId: string, type: keyof typeof transactionEvents, data: object) =>
    recorded(type, transactionEvents[type].parse({ transactionId, ...data }), {
      stream: transactionStream(transactionId),
    });
  const imported = (transactionId: string, amount = -1053) =>
    tx(transactionId, 'TransactionImported', {
      hubId,
      programId: randomUUID(),
      customerId: randomUUID(),
      connectionId: randomUUID(),
      providerTransactionId: 'first-1',
      label: 'CB SANDBOX STORE A',
      amount,
      currency: 'EUR',
      purchaseDate: '2026-12-04',
      dateBankingStatement: '2026-12-05',
      dataProviderType: 'bank',
      eligibleFrom: AT,
      importedAt: AT,
    });
  const matched = (id: string) =>
    tx(id, 'TransactionMatched', { purchaseLocation: storeA, pattern: 'SANDBOX STORE A', matchedAt: AT });
  const row = async (id: string) => (await transactionsByIds(infra.knex, [id]))[0];

  it('TransactionImported keeps the transaction, unmatched until its match is applied', async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, transactionsProjection, [imported(id)], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'unmatched', amount: '-1053', label: 'CB SANDBOX STORE A' });
  });

  it('TransactionMatched puts it at its store, unpushed, in event order', async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, transactionsProjection, [imported(id), matched(id)], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'matched', store_external_id: 'A-1', batch_id: null });
    expect((await unpushed(infra.knex, hubId, null, 100)).map((t) => t.id)).toContain(id);
    expect(await hubsWithUnpushed(infra.knex)).toContain(hubId);
  });

  it('TransactionUnmatched records the reason', async () => {
    const id = randomUUID();
    const events = [imported(id, 150000), tx(id, 'TransactionUnmatched', { reason: 'notADebit', unmatchedAt: AT })];
    await applyToDb(infra.knex, transactionsProjection, events, { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'unmatched', unmatched_reason: 'notADebit', store_id: null });
  });

  it('TransactionAssociated matches an unmatched one; TransactionDissociated takes it back off', async () => {
    const id = randomUUID();
    // Built in stream order: each takes the next revision of its stream.
    const first = imported(id);
    const off = tx(id, 'TransactionUnmatched', { reason: 'noStore', unmatchedAt: AT });
    const on = tx(id, 'TransactionAssociated', { purchaseLocation: storeA, associatedAt: LATER });
    await applyToDb(infra.knex, transactionsProjection, [first, off, on], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'matched', store_id: storeA.id });
    const gone = tx(id, 'TransactionDissociated', { dissociatedAt: LATER });
    await applyToDb(infra.knex, transactionsProjection, [gone], { replayed: true });
    expect(await row(id)).toMatchObject({ status: 'unmatched', store_id: null, match_position: null });
  });

  it('TransactionsPushed marks its transactions pushed, so they leave the unpushed ones', async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, transactionsProjection, [imported(id), matched(id)]);
    const batchId = randomUUID();
    const pushed = recorded(
      'TransactionsPushed',
      pushEvents.TransactionsPushed.parse({
        batchId,
        hubId,
        programId: randomUUID(),
        transactionIds: [id],
        pushedAt: LATER,
      }),
      { stream: pushStream(batchId) },
    );
    await applyToDb(infra.knex, transactionsProjection, [pushed], { replayed: true });
    expect(await row(id)).toMatchObject({ batch_id: batchId });
    expect((await unpushed(infra.knex, hubId, null, 100)).map((t) => t.id)).not.toContain(id);
  });

  it("TransactionPushed moves the row to the stream's revision (what the next push expects), batch left to the batch", async () => {
    const id = randomUUID();
    await applyToDb(infra.knex, transactionsProjection, [imported(id), matched(id)]);
    const before = (await unpushed(infra.knex, hubId, null, 1000)).find((t) => t.id === id);
    expect(before?.version).toBe(1n);
    const mark = tx(id, 'TransactionPushed', { batchId: randomUUID(), pushedAt: LATER });
    await applyToDb(infra.knex, transactionsProjection, [mark], { replayed: true });
    const after = (await unpushed(infra.knex, hubId, null, 1000)).find((t) => t.id === id);
    // Still unpushed in the read model until its batch's TransactionsPushed is applied (the same write holds both).
    expect(after?.version).toBe(2n);
  });

  it('CardConnectionLinked makes a card due at once; CardConnectionSynced a period later; Deleted never', async () => {
    const [synced, gone] = [randomUUID(), randomUUID()];
    const card = (connectionId: string, type: keyof typeof cardConnectionEvents, data: object) =>
      recorded(type, cardConnectionEvents[type].parse({ connectionId, ...data }), {
        stream: connectionStream(connectionId),
      });
    const linked = (connectionId: string) =>
      card(connectionId, 'CardConnectionLinked', {
        hubId,
        programId: randomUUID(),
        customerId: randomUUID(),
        providerCode: 'sandbox',
        providerCardId: 'card_tok_4321',
        last4: '4321',
        transactionsEligibleFromDate: AT,
        linkedAt: AT,
      });
    await applyToDb(infra.knex, transactionsProjection, [linked(synced), linked(gone)], { replayed: true });
    const due = async (now: string) =>
      (await connectionsDue(infra.knex, new Date(now), 86_400_000)).map((c) => c.connectionId);
    expect(await due(AT)).toEqual(expect.arrayContaining([synced, gone]));
    await applyToDb(
      infra.knex,
      transactionsProjection,
      [
        card(synced, 'CardConnectionSynced', { cursor: '2', imported: 2, syncedAt: AT }),
        card(gone, 'CardConnectionDeleted', { by: 'customer', deletedAt: AT }),
      ],
      { replayed: true },
    );
    expect(await due(AT)).not.toContain(synced);
    expect(await due(AT)).not.toContain(gone);
    expect(await due('2026-12-06T09:00:00.000Z')).toContain(synced);
    expect(await due('2026-12-06T09:00:00.000Z')).not.toContain(gone);
  });

  it('applies a page at a time as it does event by event (imports with their matches in one insert)', async () => {
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    await applyToDb(infra.knex, transactionsProjection, [imported(c)]);
    const events = [
      imported(a),
      matched(a),
      imported(b),
      tx(b, 'TransactionUnmatched', { reason: 'noStore', unmatchedAt: AT }),
      matched(c),
    ];
    await applyToDb(infra.knex, transactionsProjection, events, { batch: true, replayed: true });
    expect(await row(a)).toMatchObject({ status: 'matched', store_external_id: 'A-1' });
    expect(await row(b)).toMatchObject({ status: 'unmatched', unmatched_reason: 'noStore' });
    expect(await row(c)).toMatchObject({ status: 'matched', store_external_id: 'A-1' });
  });

  it('applies a push page at a time: its TransactionPushed versions in one update, then the batch', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await applyToDb(infra.knex, transactionsProjection, [imported(a), matched(a), imported(b), matched(b)]);
    const batchId = randomUUID();
    const mark = (id: string) => tx(id, 'TransactionPushed', { batchId, pushedAt: LATER });
    const batch = recorded(
      'TransactionsPushed',
      pushEvents.TransactionsPushed.parse({
        batchId,
        hubId,
        programId: randomUUID(),
        transactionIds: [a, b],
        pushedAt: LATER,
      }),
      { stream: pushStream(batchId) },
    );
    await applyToDb(infra.knex, transactionsProjection, [mark(a), mark(b), batch], { batch: true, replayed: true });
    for (const id of [a, b]) {
      expect(await row(id)).toMatchObject({ batch_id: batchId });
      const [{ version }] = (await infra.knex('rm_hub_transactions').where({ id }).select('version')) as [
        { version: string },
      ];
      expect(version).toBe('2');
    }
  });

  const conn = (connectionId: string, type: keyof typeof connectionEvents, data: object) =>
    recorded(type, connectionEvents[type].parse({ connectionId, ...data }), { stream: connectionStream(connectionId) });
  const created = (connectionId: string) =>
    conn(connectionId, 'BankConnectionCreated', {
      hubId,
      programId: randomUUID(),
      customerId: randomUUID(),
      bankId: randomUUID(),
      providerCode: 'sandbox',
      providerConnectionId: `sbx-${connectionId}`,
      credentialsDigest: 'd',
      dataProviderType: 'bank',
      transactionsEligibleFromDate: AT,
      consentExpiresAt: null,
      credentialsPreviouslyUsed: false,
      createdAt: AT,
    });

  it('BankConnectionCreated makes a connection due at once; BankConnectionSynced a period later; Deleted never', async () => {
    const [synced, gone] = [randomUUID(), randomUUID()];
    await applyToDb(infra.knex, transactionsProjection, [created(synced), created(gone)], { replayed: true });
    const due = async (now: string) =>
      (await connectionsDue(infra.knex, new Date(now), 86_400_000)).map((c) => c.connectionId);
    expect(await due(AT)).toEqual(expect.arrayContaining([synced, gone]));
    await applyToDb(
      infra.knex,
      transactionsProjection,
      [
        conn(synced, 'BankConnectionSynced', { cursor: '0', imported: 4, syncedAt: AT }),
        conn(gone, 'BankConnectionDeleted', { by: 'customer', deletedAt: AT }),
      ],
      { replayed: true },
    );
    expect(await due(AT)).not.toContain(synced);
    expect(await due('2026-12-06T09:00:00.000Z')).toContain(synced);
    expect(await due(LATER)).not.toContain(gone);
  });

  it('applies connections a page at a time as event by event: started in one insert, syncs in one update', async () => {
    const synced = (connectionId: string, syncedAt: string) =>
      conn(connectionId, 'BankConnectionSynced', { cursor: '1', imported: 1, syncedAt });
    const [once, twice, gone, fresh] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await applyToDb(infra.knex, transactionsProjection, [created(once), created(twice), created(gone)]);
    const events = [
      synced(once, AT),
      synced(twice, AT),
      synced(gone, AT),
      conn(gone, 'BankConnectionDeleted', { by: 'customer', deletedAt: AT }),
      created(fresh),
      synced(fresh, AT),
      synced(twice, LATER),
    ];
    await applyToDb(infra.knex, transactionsProjection, events, { batch: true, replayed: true });
    const rows = await infra
      .knex('rm_hub_bank_syncs')
      .whereIn('connection_id', [once, twice, gone, fresh])
      .select<{ connection_id: string; live: boolean; last_synced_at: Date; version: string }[]>();
    const byId = new Map(rows.map((r) => [r.connection_id, r]));
    const at = (id: string) => [byId.get(id)?.live, byId.get(id)?.last_synced_at.toISOString(), byId.get(id)?.version];
    expect([at(once), at(twice), at(gone), at(fresh)]).toEqual([
      [true, AT, '1'],
      [true, LATER, '2'],
      [false, AT, '2'],
      [true, AT, '1'],
    ]);
  });
});
