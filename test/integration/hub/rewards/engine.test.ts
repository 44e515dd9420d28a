import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerTotalStream, pointsStream, rewardIdOf, rewardStream } from '../../../../src/commands/hub/streams.js';
import { fixedClock } from '../../../../src/platform/clock.js';
import { PostgresEventStore } from '../../../../src/platform/eventstore/postgres/store.js';
import type { EventStore } from '../../../../src/platform/eventstore/types.js';
import { RewardEngineLoop } from '../../../../src/workers/hub/reward-engine.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { spendOffer, world } from './world.js';

const clock = fixedClock(new Date('2026-12-05T10:00:00.000Z'));

/** The types of each occurrence's events, from the first, until one does not exist. */
async function occurrences(store: EventStore, customerId: string, offerId: string): Promise<string[][]> {
  const out: string[][] = [];
  for (let n = 1; ; n++) {
    const events = await store.readStream(rewardStream(rewardIdOf(customerId, offerId, n)));
    if (events.length === 0) return out;
    out.push(events.map((e) => e.type));
  }
}

describe('the reward engine on a real event store', () => {
  let infra: TestInfra;
  let second: PostgresEventStore;
  let names = 0;
  beforeAll(async () => {
    infra = await openTestInfra();
    // A second store object: a second engine process, with caches of its own.
    second = new PostgresEventStore({ connectionString: infra.url, pollMs: 50 });
  });
  afterAll(async () => {
    await second.close();
    await infra.close();
  });

  /** Two engines with checkpoints of their own, run at once: each reads every event (a replay and a race). */
  async function twoEngines(): Promise<void> {
    const n = names++;
    const a = new RewardEngineLoop({ knex: infra.knex, store: infra.store, clock, name: `a${n}` });
    const b = new RewardEngineLoop({ knex: infra.knex, store: second, clock, name: `b${n}` });
    await Promise.all([a.drain(), b.drain()]);
  }

  it('SPND+AMNT: started, pending, completed once each, though two engines read every purchase', async () => {
    const w = world(infra.store);
    await w.hub();
    const offerId = await w.offer(spendOffer({ occurrenceLimit: 2 }));
    const customer = await w.customer();
    await w.purchase(customer, 2000, '2026-12-01');
    await w.purchase(customer, 2000, '2026-12-02');
    await w.purchase(customer, 1500, '2026-12-03');
    await w.purchase(customer, 6000, '2026-12-04');
    await w.purchase(customer, 6000, '2026-12-05');
    await twoEngines();
    await twoEngines();
    expect(await occurrences(infra.store, customer, offerId)).toEqual([
      ['RewardStarted', 'RewardProgressed', 'RewardProgressed', 'RewardCompleted'],
      ['RewardStarted', 'RewardCompleted'],
    ]);
  });

  it('once a day: a second purchase of a day counts nothing; multipleOccurenceByDay counts it', async () => {
    const w = world(infra.store);
    await w.hub();
    const daily = await w.offer(spendOffer());
    const many = await w.offer(spendOffer({ multipleOccurenceByDay: true }));
    const customer = await w.customer();
    await w.purchase(customer, 3000, '2026-12-01');
    await w.purchase(customer, 3000, '2026-12-01');
    await twoEngines();
    expect(await occurrences(infra.store, customer, daily)).toEqual([['RewardStarted']]);
    expect(await occurrences(infra.store, customer, many)).toEqual([
      ['RewardStarted', 'RewardProgressed', 'RewardCompleted'],
    ]);
  });

  it('rewardCumulatedLimit: no completion takes the summed rewardValue past it', async () => {
    const w = world(infra.store);
    await w.hub();
    const offerId = await w.offer(spendOffer({ rewardCumulatedLimit: 1200 }));
    const customer = await w.customer();
    for (const day of ['01', '02', '03', '04']) await w.purchase(customer, 6000, `2026-12-${day}`);
    await twoEngines();
    expect(await occurrences(infra.store, customer, offerId)).toEqual([
      ['RewardStarted', 'RewardCompleted'],
      ['RewardStarted', 'RewardCompleted'],
    ]);
  });

  it('cappingLimit (count): the completion that reaches it is paid, then OfferCapped; later ones count nothing', async () => {
    const w = world(infra.store);
    await w.hub();
    const offerId = await w.offer(spendOffer({ cappingLimit: 2, cappingType: 'count' }));
    const customers = [await w.customer(), await w.customer(), await w.customer()];
    for (const c of customers) await w.purchase(c, 6000, '2026-12-01');
    await twoEngines();
    const totals = (await infra.store.readStream(offerTotalStream(offerId))).map((e) => e.type);
    expect(totals).toEqual(['OfferCompletionCounted', 'OfferCompletionCounted', 'OfferCapped']);
    const completed = await Promise.all(customers.map((c) => occurrences(infra.store, c, offerId)));
    expect(completed.filter((o) => o.length === 1 && o[0]!.includes('RewardCompleted'))).toHaveLength(2);
    expect(completed.filter((o) => o.length === 0)).toHaveLength(1);
  });

  it('a changed offer applies to purchases after the change; store lists and periods are respected', async () => {
    const w = world(infra.store);
    await w.hub();
    const offerId = await w.offer(spendOffer({ conditionValue: 10_000 }));
    const elsewhere = await w.offer(spendOffer({ stores: { related: ['another-store'] } }));
    const later = await w.offer(spendOffer({ startDate: '2026-12-10T00:00:00.000Z' }));
    const customer = await w.customer();
    await w.purchase(customer, 6000, '2026-12-01');
    await w.changeOffer(offerId, { conditionValue: 5000 });
    await w.purchase(customer, 1000, '2026-12-02');
    await twoEngines();
    expect(await occurrences(infra.store, customer, offerId)).toEqual([
      ['RewardStarted', 'RewardProgressed', 'RewardCompleted'],
    ]);
    expect(await occurrences(infra.store, customer, elsewhere)).toEqual([]);
    expect(await occurrences(infra.store, customer, later)).toEqual([]);
  });

  it('CREA completes at the subscription; RFRL completes for the referrer when the referred customer subscribes', async () => {
    const w = world(infra.store);
    await w.hub();
    const welcome = await w.offer(spendOffer({ offerType: 'welcome', conditionType: 'CREA', rewardType: 'GIFT_CARD' }));
    const referral = await w.offer(spendOffer({ offerType: 'referral', conditionType: 'RFRL', conditionValue: 1 }));
    const referrer = await w.customer();
    const referred = await w.customer(referrer);
    await twoEngines();
    expect(await occurrences(infra.store, referrer, welcome)).toEqual([['RewardStarted', 'RewardCompleted']]);
    expect(await occurrences(infra.store, referred, welcome)).toEqual([['RewardStarted', 'RewardCompleted']]);
    expect(await occurrences(infra.store, referrer, referral)).toEqual([['RewardStarted', 'RewardCompleted']]);
    expect(await occurrences(infra.store, referred, referral)).toEqual([]);
  });

  it('a POINTS hub: each purchase earns floor(amount) × pointsPerCurrencyUnit, a completed reward its value, once', async () => {
    const w = world(infra.store, { rewardType: 'POINTS', pointsPerCurrencyUnit: 2 });
    await w.hub();
    await w.offer(spendOffer({ rewardValue: 100 }));
    const customer = await w.customer();
    await w.purchase(customer, 2550, '2026-12-01');
    await w.purchase(customer, 3000, '2026-12-02');
    await twoEngines();
    const ledger = await infra.store.readStream(pointsStream(customer));
    expect(ledger.map((e) => [e.type, e.data.value])).toEqual([
      ['PointsEarned', 50],
      ['PointsEarned', 60],
      ['PointsEarned', 100],
    ]);
  });

  it('a crash between a page write and its checkpoint: the restarted engine reads the page again and appends nothing', async () => {
    const w = world(infra.store, { rewardType: 'POINTS', pointsPerCurrencyUnit: 1 });
    await w.hub();
    const offerId = await w.offer(spendOffer({ cappingLimit: 10, cappingType: 'count' }));
    const customer = await w.customer();
    for (const day of ['01', '02', '03']) await w.purchase(customer, 6000, `2026-12-${day}`);
    const name = `crash${names++}`;
    await new RewardEngineLoop({ knex: infra.knex, store: infra.store, clock, name }).drain();
    const head = await infra.store.headPosition();
    expect(await occurrences(infra.store, customer, offerId)).toHaveLength(3);
    // The checkpoint never saved; the restarted process (another store object: no cache) starts from the first event.
    await infra.knex('hub_reward_engine').where({ name }).delete();
    await new RewardEngineLoop({ knex: infra.knex, store: second, clock, name }).drain();
    expect(await infra.store.headPosition()).toEqual(head);
  });
});
