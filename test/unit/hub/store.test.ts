import { describe, expect, it } from 'vitest';
import type { StoreDetails, StoreEvent } from '../../../src/domain/hub/stores/events.js';
import { changedDetails, storeDecider } from '../../../src/domain/hub/stores/store.js';
import { spec } from '../../support/decider.js';
import { storeA } from './store-fixtures.js';

const now = '2026-12-01T09:00:00.000Z';
const ids = { storeId: 's1', hubId: 'h1', requestId: 'r2' };
const upsert = (details: StoreDetails, active = true) =>
  ({ type: 'UpsertStore', data: { ...ids, programId: 'p1', details, active, now } }) as const;
const registered: StoreEvent = {
  type: 'StoreRegistered',
  data: { ...ids, requestId: 'r1', programId: 'p1', details: storeA, registeredAt: now },
};
const deactivated: StoreEvent = { type: 'StoreDeactivated', data: { ...ids, requestId: 'r1', deactivatedAt: now } };

describe('store', () => {
  const { given } = spec(storeDecider);

  it('when a list names a new store, then it is registered', () => {
    given([])
      .when(upsert(storeA))
      .then([{ ...registered, data: { ...registered.data, requestId: 'r2' } }]);
  });

  it('when a v2 list names a new store inactive, then it is registered and deactivated', () => {
    given([])
      .when(upsert(storeA, false))
      .then([
        { ...registered, data: { ...registered.data, requestId: 'r2' } },
        { type: 'StoreDeactivated', data: { ...ids, deactivatedAt: now } },
      ]);
  });

  it('when a list repeats a store as it is, then nothing happens', () => {
    given([registered]).when(upsert(storeA)).then([]);
  });

  it('when a list changes some fields, then only those are updated', () => {
    given([registered])
      .when(upsert({ ...storeA, city: 'Lyon', patterns: ['A1'] }))
      .then([{ type: 'StoreUpdated', data: { ...ids, changes: { city: 'Lyon', patterns: ['A1'] }, updatedAt: now } }]);
  });

  it('when a list names a deactivated store, then it is reactivated', () => {
    given([registered, deactivated])
      .when(upsert(storeA))
      .then([{ type: 'StoreReactivated', data: { ...ids, reactivatedAt: now } }]);
  });

  it('when a store would become a service, then the list is refused', () => {
    given([registered])
      .when(upsert({ ...storeA, type: 'service' }))
      .thenThrows('operation_refused');
  });

  it('when a full list omits an active store, then it is deactivated; an inactive one stays as it is', () => {
    const deactivate = { type: 'DeactivateStore', data: { requestId: 'r2', now } } as const;
    given([registered])
      .when(deactivate)
      .then([{ type: 'StoreDeactivated', data: { ...ids, deactivatedAt: now } }]);
    given([registered, deactivated]).when(deactivate).then([]);
    given([]).when(deactivate).then([]);
  });

  it('changedDetails names only the fields that differ', () => {
    expect(changedDetails(storeA, { ...storeA, name: 'B' })).toEqual({ name: 'B' });
    expect(changedDetails(storeA, storeA)).toEqual({});
  });
});
