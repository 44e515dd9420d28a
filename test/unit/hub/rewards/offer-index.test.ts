import { describe, expect, it } from 'vitest';
import { OfferIndex } from '../../../../src/commands/hub/rewards/offer-index.js';
import { spendOffer } from '../../../integration/hub/rewards/world.js';

const ids = (offers: readonly { offerId: string }[]) => offers.map((o) => o.offerId).sort();

describe("the reward engine's offer index", () => {
  it('when a purchase asks, then it gets the active, uncapped offers whose period covers its day', () => {
    const index = new OfferIndex();
    index.created('open', 'h', 'p', spendOffer());
    index.created('ended', 'h', 'p', spendOffer({ endDate: '2020-01-01T00:00:00.000Z' }));
    index.created('later', 'h', 'p', spendOffer({ startDate: '2026-12-10T00:00:00.000Z' }));
    index.created('off', 'h', 'p', spendOffer({ active: false }));
    index.created('welcome', 'h', 'p', spendOffer({ conditionType: 'CREA' }));
    index.created('elsewhere', 'other hub', 'p', spendOffer());
    expect(ids(index.covering('h', 'purchase', '2026-12-05'))).toEqual(['open']);
    expect(ids(index.covering('h', 'purchase', '2026-12-10'))).toEqual(['later', 'open']);
    expect(ids(index.covering('h', 'purchase', '2019-06-01'))).toEqual(['ended', 'open']);
    expect(ids(index.covering('h', 'subscription', '2026-12-05'))).toEqual(['welcome']);
  });

  it('when an offer changes, is capped or is created, then the next purchase of a day already listed sees it', () => {
    const index = new OfferIndex();
    index.created('a', 'h', 'p', spendOffer());
    expect(ids(index.covering('h', 'purchase', '2026-12-05'))).toEqual(['a']);
    index.created('b', 'h', 'p', spendOffer());
    expect(ids(index.covering('h', 'purchase', '2026-12-05'))).toEqual(['a', 'b']);
    index.updated('a', { endDate: '2026-12-01T00:00:00.000Z' });
    expect(ids(index.covering('h', 'purchase', '2026-12-05'))).toEqual(['b']);
    index.capped('b');
    expect(ids(index.covering('h', 'purchase', '2026-12-05'))).toEqual([]);
  });
});
