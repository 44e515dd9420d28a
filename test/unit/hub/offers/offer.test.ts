import { describe, expect, it } from 'vitest';
import type { OfferEvent, OfferTotalEvent } from '../../../../src/domain/hub/offers/events.js';
import { offerTotalDecider, type CountCompletion } from '../../../../src/domain/hub/offers/offer-total.js';
import { offerDecider, withStoreChanges, type OfferCommand } from '../../../../src/domain/hub/offers/offer.js';
import { spec } from '../../../support/decider.js';
import { spendOffer } from '../../../integration/hub/rewards/world.js';

const now = '2026-12-05T09:00:00.000Z';
const created: OfferEvent = {
  type: 'OfferCreated',
  data: { offerId: 'o1', hubId: 'h1', programId: 'p1', settings: spendOffer(), createdAt: now },
};
const create: OfferCommand = {
  type: 'CreateOffer',
  data: { offerId: 'o1', hubId: 'h1', settings: spendOffer(), programId: 'p1', now },
};
const update = (changes: object, extra: object = {}): OfferCommand => ({
  type: 'UpdateOffer',
  data: { changes, programId: 'p1', now, ...extra },
});

describe('an offer', () => {
  const offer = spec(offerDecider);

  it('when created, then OfferCreated; created again, then conflict', () => {
    offer.given([]).when(create).then([created]);
    offer.given([created]).when(create).thenThrows('conflict');
  });

  it('when created with a start after its end, then invalid_request', () => {
    const settings = spendOffer({ startDate: '2026-12-10T00:00:00.000Z', endDate: '2026-12-01T00:00:00.000Z' });
    offer
      .given([])
      .when({ ...create, data: { ...create.data, settings } })
      .thenThrows('invalid_request');
  });

  it('given created, when changed, then OfferUpdated with only what changes; the same values, then nothing', () => {
    offer
      .given([created])
      .when(update({ conditionValue: 6000, name: 'Spend 50' }))
      .then([{ type: 'OfferUpdated', data: { offerId: 'o1', changes: { conditionValue: 6000 }, updatedAt: now } }]);
    offer
      .given([created])
      .when(update({ name: 'Spend 50' }))
      .then([]);
  });

  it('given created, when a change puts the end before the start, then invalid_request', () => {
    offer
      .given([created])
      .when(update({ startDate: '2026-12-10T00:00:00.000Z', endDate: '2026-12-01T00:00:00.000Z' }))
      .thenThrows('invalid_request');
  });

  it('given created, when storeChanges come, then the list they make', () => {
    offer
      .given([created])
      .when(update({}, { storeChanges: { added: ['s1', 's2'], removed: [] } }))
      .then([
        {
          type: 'OfferUpdated',
          data: { offerId: 'o1', changes: { stores: { related: ['s1', 's2'] } }, updatedAt: now },
        },
      ]);
  });

  it('when another program changes or deletes it, then not_found', () => {
    offer
      .given([created])
      .when({ type: 'UpdateOffer', data: { changes: {}, programId: 'p2', now } })
      .thenThrows('not_found');
    offer
      .given([created])
      .when({ type: 'DeactivateOffer', data: { programId: 'p2', now } })
      .thenThrows('not_found');
    offer
      .given([])
      .when({ type: 'DeactivateOffer', data: { programId: 'p1', now } })
      .thenThrows('not_found');
  });

  it('when deleted, then OfferDeactivated once', () => {
    const deactivated: OfferEvent = { type: 'OfferDeactivated', data: { offerId: 'o1', deactivatedAt: now } };
    offer
      .given([created])
      .when({ type: 'DeactivateOffer', data: { programId: 'p1', now } })
      .then([deactivated]);
    offer
      .given([created, deactivated])
      .when({ type: 'DeactivateOffer', data: { programId: 'p1', now } })
      .then([]);
  });

  it('storeChanges: added join a related list, leave an unrelated one; removed the reverse', () => {
    expect(withStoreChanges({ related: ['a', 'b'] }, { added: ['c'], removed: ['a'] })).toEqual({
      related: ['b', 'c'],
    });
    expect(withStoreChanges({ unrelated: ['a', 'b'] }, { added: ['a'], removed: ['c'] })).toEqual({
      unrelated: ['b', 'c'],
    });
  });
});

describe("an offer's total under its cap", () => {
  const total = spec(offerTotalDecider);
  const count = (rewardId: string, over: Partial<CountCompletion['data']> = {}): CountCompletion => ({
    type: 'CountCompletion',
    data: {
      offerId: 'o1',
      hubId: 'h1',
      programId: 'p1',
      rewardId,
      rewardValue: 500,
      cappingLimit: 1000,
      cappingType: 'amount',
      now,
      ...over,
    },
  });
  const counted = (rewardId: string, rewardValue = 500): OfferTotalEvent => ({
    type: 'OfferCompletionCounted',
    data: { offerId: 'o1', rewardId, rewardValue, countedAt: now },
  });
  const capped = (t: number, completions: number): OfferTotalEvent => ({
    type: 'OfferCapped',
    data: { offerId: 'o1', hubId: 'h1', programId: 'p1', total: t, completions, cappedAt: now },
  });

  it('when a completion stays under the cap, then counted', () => {
    total
      .given([])
      .when(count('r1'))
      .then([counted('r1')]);
  });

  it('when a completion reaches the cap, then counted and OfferCapped at once (amount)', () => {
    total
      .given([counted('r1')])
      .when(count('r2'))
      .then([counted('r2'), capped(1000, 2)]);
  });

  it('when a completion would pass the cap, then not counted and OfferCapped', () => {
    total
      .given([counted('r1', 800)])
      .when(count('r2'))
      .then([capped(800, 1)]);
  });

  it('count: the cap is a number of completions', () => {
    total
      .given([])
      .when(count('r1', { cappingType: 'count', cappingLimit: 1 }))
      .then([counted('r1'), capped(500, 1)]);
  });

  it('given the reward counted, when counted again (a retry), then nothing; given capped, then nothing', () => {
    total
      .given([counted('r1')])
      .when(count('r1'))
      .then([]);
    total
      .given([counted('r1'), capped(500, 1)])
      .when(count('r2'))
      .then([]);
  });
});
