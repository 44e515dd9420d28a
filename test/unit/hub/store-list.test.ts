import { describe, expect, it } from 'vitest';
import type { StoreListEvent, StoreListItem } from '../../../src/domain/hub/stores/events.js';
import {
  listSizeRule,
  storeListDecider,
  SUPERSEDED_DETAIL,
  uniqueExternalIdRule,
} from '../../../src/domain/hub/stores/store-list.js';
import { spec } from '../../support/decider.js';
import { storeA } from './store-fixtures.js';

const now = '2026-12-01T09:00:00.000Z';
const item = (externalId: string): StoreListItem => ({ ...storeA, externalId });
const list = { requestId: 'r1', hubId: 'h1', programId: 'p1', kind: 'v1' as const, stores: [item('A'), item('B')] };
const requested: StoreListEvent = { type: 'StoreListRequested', data: { ...list, requestedAt: now } };
const ids = { requestId: 'r1', hubId: 'h1' };
const integrated: StoreListEvent = {
  type: 'StoreListIntegrated',
  data: { ...ids, created: 2, updated: 0, deactivated: 0, integratedAt: now },
};
const supersede = { type: 'SupersedeStoreList', data: { supersededBy: 'r2', now } } as const;

describe('store list', () => {
  const { given } = spec(storeListDecider);

  it('when a program sends a list, then it is requested; sent again with the same id, nothing more', () => {
    given([])
      .when({ type: 'RequestStoreList', data: { ...list, now } })
      .then([requested]);
    given([requested])
      .when({ type: 'RequestStoreList', data: { ...list, now } })
      .then([]);
  });

  it('when a list is empty, too long or repeats an externalId, then it is refused', () => {
    given([])
      .when({ type: 'RequestStoreList', data: { ...list, stores: [], now } })
      .thenThrows('invalid_request');
    given([])
      .when({ type: 'RequestStoreList', data: { ...list, stores: [item('A'), item('A')], now } })
      .thenThrows('invalid_request');
  });

  it('the list rules give one detail per item', () => {
    expect(listSizeRule(Array.from({ length: 501 }, (_, i) => item(String(i))))).toHaveLength(1);
    expect(listSizeRule([item('A')])).toEqual([]);
    expect(uniqueExternalIdRule([item('A'), item('B'), item('A'), item('A')]).map((d) => d.field)).toEqual([
      'stores.2.externalId',
      'stores.3.externalId',
    ]);
  });

  it('when the worker integrates a pending list, then it succeeds with the counts', () => {
    given([requested])
      .when({ type: 'RecordStoreListIntegrated', data: { created: 2, updated: 0, deactivated: 0, now } })
      .then([integrated]);
  });

  it('when the worker cannot integrate it, then it fails with the reason', () => {
    given([requested])
      .when({ type: 'FailStoreList', data: { resultDetail: 'type switch', now } })
      .then([{ type: 'StoreListFailed', data: { ...ids, resultDetail: 'type switch', failedAt: now } }]);
  });

  it("when a newer list arrives, then a pending one is superseded with the seed's message", () => {
    given([requested])
      .when(supersede)
      .then([
        {
          type: 'StoreListSuperseded',
          data: { ...ids, supersededBy: 'r2', resultDetail: SUPERSEDED_DETAIL, supersededAt: now },
        },
      ]);
  });

  it('when a list is decided already, then superseding, failing or integrating it again changes nothing', () => {
    given([requested, integrated]).when(supersede).then([]);
    given([requested, integrated])
      .when({ type: 'FailStoreList', data: { resultDetail: 'late', now } })
      .then([]);
    given([]).when(supersede).then([]);
  });
});
