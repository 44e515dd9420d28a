import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeListStream, storeStream } from '../../../src/commands/hub/streams.js';
import { storeEvents, storeListEvents } from '../../../src/domain/hub/stores/events.js';
import { SUPERSEDED_DETAIL } from '../../../src/domain/hub/stores/store-list.js';
import { storesProjection } from '../../../src/projections/hub/stores/projection.js';
import {
  activeStorePatterns,
  findStore,
  findStoreList,
  listStores,
  otherStoreLists,
} from '../../../src/projections/hub/stores/queries.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { applyToDb, recorded } from '../../support/projection-spec.js';
import { storeA } from '../../unit/hub/store-fixtures.js';

/* One case per event type the stores projection handles, each applied twice: a replay changes nothing. */

const AT = '2026-12-01T09:00:00.000Z';
const LATER = '2026-12-02T09:00:00.000Z';
const PAGE = { offset: 0, limit: 100 };

describe('the stores projection', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  const hubId = randomUUID();
  const programId = randomUUID();
  const storeEvent = (storeId: string, type: keyof typeof storeEvents, data: object) =>
    recorded(type, storeEvents[type].parse({ storeId, hubId, requestId: randomUUID(), ...data }), {
      stream: storeStream(storeId),
    });
  const registered = (storeId: string, externalId = `ext-${storeId.slice(0, 8)}`) =>
    storeEvent(storeId, 'StoreRegistered', {
      programId,
      details: { ...storeA, externalId },
      registeredAt: AT,
    });
  const listEvent = (requestId: string, type: keyof typeof storeListEvents, data: object) =>
    recorded(type, storeListEvents[type].parse({ requestId, hubId, ...data }), { stream: storeListStream(requestId) });
  const requested = (requestId: string) =>
    listEvent(requestId, 'StoreListRequested', { programId, kind: 'v1', stores: [storeA], requestedAt: AT });

  it('StoreRegistered inserts an active store, found by our id or its externalId, with its patterns', async () => {
    const storeId = randomUUID();
    await applyToDb(infra.knex, storesProjection, [registered(storeId, 'REG-1')], { replayed: true });
    expect(await findStore(infra.knex, hubId, storeId)).toMatchObject({ externalId: 'REG-1', active: true });
    expect(await findStore(infra.knex, hubId, 'REG-1')).toMatchObject({ id: storeId, name: storeA.name, version: 0 });
    expect(await findStore(infra.knex, randomUUID(), 'REG-1')).toBeUndefined();
    const patterns = await activeStorePatterns(infra.knex, hubId);
    expect(patterns).toContainEqual({ storeId, externalId: 'REG-1', type: 'store', patterns: ['SANDBOX STORE A'] });
  });

  it('StoreUpdated changes only the fields it names', async () => {
    const storeId = randomUUID();
    const first = registered(storeId, 'UPD-1');
    const updated = storeEvent(storeId, 'StoreUpdated', {
      changes: { city: 'Lyon', patterns: ['NEW'] },
      updatedAt: LATER,
    });
    await applyToDb(infra.knex, storesProjection, [first, updated], { replayed: true });
    expect(await findStore(infra.knex, hubId, storeId)).toMatchObject({
      city: 'Lyon',
      patterns: ['NEW'],
      name: storeA.name,
      updatedAt: LATER,
      version: 1,
    });
  });

  it('StoreDeactivated hides the store from the active lists; StoreReactivated shows it again', async () => {
    const storeId = randomUUID();
    const first = registered(storeId, 'OFF-1');
    const off = storeEvent(storeId, 'StoreDeactivated', { deactivatedAt: LATER });
    await applyToDb(infra.knex, storesProjection, [first, off], { replayed: true });
    const active = await listStores(infra.knex, hubId, { includeInactive: false, search: 'OFF-1' }, PAGE);
    const all = await listStores(infra.knex, hubId, { includeInactive: true, search: 'OFF-1' }, PAGE);
    expect(active.total).toBe(0);
    expect(all.rows.map((s) => [s.id, s.active])).toEqual([[storeId, false]]);
    expect((await activeStorePatterns(infra.knex, hubId)).map((p) => p.storeId)).not.toContain(storeId);

    const on = storeEvent(storeId, 'StoreReactivated', { reactivatedAt: LATER });
    await applyToDb(infra.knex, storesProjection, [on], { replayed: true });
    expect(await findStore(infra.knex, hubId, storeId)).toMatchObject({ active: true, version: 2 });
  });

  it('StoreListRequested records a pending request in log order', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    await applyToDb(infra.knex, storesProjection, [requested(first), requested(second)], { replayed: true });
    expect(await findStoreList(infra.knex, hubId, first)).toMatchObject({
      result: 'pending',
      kind: 'v1',
      counts: null,
    });
    expect(await otherStoreLists(infra.knex, hubId, second, 'older-pending')).toContain(first);
    expect(await otherStoreLists(infra.knex, hubId, first, 'newer')).toContain(second);
  });

  it('StoreListIntegrated records success and the counts', async () => {
    const requestId = randomUUID();
    const request = requested(requestId);
    const integrated = listEvent(requestId, 'StoreListIntegrated', {
      created: 3,
      updated: 1,
      deactivated: 2,
      integratedAt: LATER,
    });
    await applyToDb(infra.knex, storesProjection, [request, integrated], { replayed: true });
    expect(await findStoreList(infra.knex, hubId, requestId)).toMatchObject({
      result: 'success',
      resultDetail: null,
      counts: { created: 3, updated: 1, deactivated: 2 },
    });
  });

  it('StoreListFailed records failure and its reason', async () => {
    const requestId = randomUUID();
    const request = requested(requestId);
    const failed = listEvent(requestId, 'StoreListFailed', { resultDetail: 'type switch', failedAt: LATER });
    await applyToDb(infra.knex, storesProjection, [request, failed], { replayed: true });
    expect(await findStoreList(infra.knex, hubId, requestId)).toMatchObject({
      result: 'failed',
      resultDetail: 'type switch',
    });
  });

  it("StoreListSuperseded records failure with the seed's message", async () => {
    const requestId = randomUUID();
    const request = requested(requestId);
    const superseded = listEvent(requestId, 'StoreListSuperseded', {
      supersededBy: randomUUID(),
      resultDetail: SUPERSEDED_DETAIL,
      supersededAt: LATER,
    });
    await applyToDb(infra.knex, storesProjection, [request, superseded], { replayed: true });
    expect(await findStoreList(infra.knex, hubId, requestId)).toMatchObject({
      result: 'failed',
      resultDetail: SUPERSEDED_DETAIL,
    });
  });
});
