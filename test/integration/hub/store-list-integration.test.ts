import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateStoreList, requestStoreList } from '../../../src/commands/hub/stores/store-lists.js';
import { storeIdOf, storeListStream, storeStream } from '../../../src/commands/hub/streams.js';
import { fixedClock } from '../../../src/platform/clock.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { storeA } from '../../unit/hub/store-fixtures.js';

/* The integration a worker job runs: run twice at once (a retry racing a second worker), it acts once. */

describe('store-list integration', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());

  it('when two runs integrate one list at once, then each store and the list get their events once', async () => {
    const hubId = randomUUID();
    const programId = randomUUID();
    const clock = fixedClock('2026-12-01T09:00:00.000Z');
    const context = { tenantId: programId, actor: 'test' };
    const items = ['A', 'B', 'C'].map((externalId) => ({ ...storeA, externalId }));
    const { requestId } = await requestStoreList(
      { store: infra.store, clock },
      { hubId, kind: 'v1', stores: items },
      context,
    );
    const deps = { store: infra.store, clock, activeExternalIds: () => Promise.resolve(['A', 'OLD']) };
    const outcomes = await Promise.all([integrateStoreList(deps, requestId), integrateStoreList(deps, requestId)]);
    expect(outcomes).toEqual(['success', 'success']);
    for (const externalId of ['A', 'B', 'C'])
      expect((await infra.store.readStream(storeStream(storeIdOf(hubId, externalId)))).map((e) => e.type)).toEqual([
        'StoreRegistered',
      ]);
    const list = await infra.store.readStream(storeListStream(requestId));
    expect(list.map((e) => [e.type, e.data.created])).toEqual([
      ['StoreListRequested', undefined],
      ['StoreListIntegrated', 3],
    ]);
    // Decided: a third run does nothing.
    expect(await integrateStoreList(deps, requestId)).toBe('skipped');
  });
});
