import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerStream, offerTotalStream, pointsStream, rewardStream } from '../../../../src/commands/hub/streams.js';
import { offersProjection } from '../../../../src/projections/hub/offers/projection.js';
import { findOffer, listOffers } from '../../../../src/projections/hub/offers/queries.js';
import { pointsProjection } from '../../../../src/projections/hub/points/projection.js';
import { pointsOf } from '../../../../src/projections/hub/points/queries.js';
import { rewardsProjection } from '../../../../src/projections/hub/rewards/projection.js';
import { customerRewards } from '../../../../src/projections/hub/rewards/queries.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { applyToDb, recorded } from '../../../support/projection-spec.js';
import { spendOffer } from './world.js';

/* One case per event type the offers, rewards and points projections handle, each applied twice (a replay). */

const AT = '2026-12-05T09:00:00.000Z';
const LATER = '2026-12-06T09:00:00.000Z';
const page = { offset: 0, limit: 20 };

describe('the hub offers, rewards and points projections', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(() => infra.close());
  const hubId = randomUUID();
  const programId = randomUUID();

  const offerCreated = (offerId: string) =>
    recorded(
      'OfferCreated',
      { offerId, hubId, programId, settings: spendOffer(), createdAt: AT },
      { stream: offerStream(offerId) },
    );

  it('OfferCreated: the offer, active', async () => {
    const offerId = randomUUID();
    await applyToDb(infra.knex, offersProjection, [offerCreated(offerId)], { replayed: true });
    expect(await findOffer(infra.knex, hubId, offerId)).toMatchObject({ active: true, capped: false, version: 0 });
    expect(await findOffer(infra.knex, randomUUID(), offerId)).toBeUndefined();
  });

  it('OfferUpdated: only the fields it names change', async () => {
    const offerId = randomUUID();
    const created = offerCreated(offerId);
    const updated = recorded(
      'OfferUpdated',
      { offerId, changes: { conditionValue: 7000 }, updatedAt: LATER },
      { stream: offerStream(offerId) },
    );
    await applyToDb(infra.knex, offersProjection, [created, updated], { replayed: true });
    const offer = await findOffer(infra.knex, hubId, offerId);
    expect(offer?.settings).toMatchObject({ conditionValue: 7000, name: 'Spend 50' });
    expect(offer?.version).toBe(1);
  });

  it('OfferDeactivated: inactive, out of the current list', async () => {
    const offerId = randomUUID();
    const created = offerCreated(offerId);
    const off = recorded('OfferDeactivated', { offerId, deactivatedAt: LATER }, { stream: offerStream(offerId) });
    await applyToDb(infra.knex, offersProjection, [created, off], { replayed: true });
    expect(await findOffer(infra.knex, hubId, offerId)).toMatchObject({ active: false });
    const current = await listOffers(infra.knex, hubId, { current: true, now: AT }, page);
    expect(current.rows.map((o) => o.id)).not.toContain(offerId);
  });

  it('OfferCapped (on the offer total stream): capped, shown inactive', async () => {
    const offerId = randomUUID();
    const capped = recorded(
      'OfferCapped',
      { offerId, hubId, programId, total: 1000, completions: 2, cappedAt: LATER },
      { stream: offerTotalStream(offerId) },
    );
    await applyToDb(infra.knex, offersProjection, [offerCreated(offerId), capped], { replayed: true });
    expect(await findOffer(infra.knex, hubId, offerId)).toMatchObject({ active: false, capped: true });
  });

  it('a page of offers at a time (applyBatch): the created ones in one INSERT, a later change after them', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const events = [
      offerCreated(a),
      recorded(
        'OfferUpdated',
        { offerId: a, changes: { conditionValue: 7000 }, updatedAt: LATER },
        { stream: offerStream(a) },
      ),
      offerCreated(b),
      recorded('OfferDeactivated', { offerId: b, deactivatedAt: LATER }, { stream: offerStream(b) }),
    ];
    await applyToDb(infra.knex, offersProjection, events, { batch: true, replayed: true });
    expect(await findOffer(infra.knex, hubId, a)).toMatchObject({
      active: true,
      version: 1,
      settings: { conditionValue: 7000 },
    });
    expect(await findOffer(infra.knex, hubId, b)).toMatchObject({ active: false, version: 1 });
  });

  const customerId = randomUUID();
  const rewardId = randomUUID();
  const rewardEvent = (type: string, data: object) =>
    recorded(type, { rewardId, ...data }, { stream: rewardStream(rewardId) });
  const started = rewardEvent('RewardStarted', {
    hubId,
    programId,
    customerId,
    offerId: randomUUID(),
    occurrence: 1,
    transactionId: randomUUID(),
    purchaseDate: '2026-12-04',
    amount: 2000,
    value: 2000,
    target: 5000,
    startedAt: AT,
  });
  const progressed = rewardEvent('RewardProgressed', {
    transactionId: randomUUID(),
    purchaseDate: '2026-12-05',
    amount: 1000,
    value: 3000,
    target: 5000,
    progressedAt: AT,
  });
  const completed = rewardEvent('RewardCompleted', {
    hubId,
    programId,
    customerId,
    offerId: randomUUID(),
    occurrence: 1,
    rewardType: 'RFND',
    rewardValue: 500,
    currency: 'EUR',
    settlement: 'cashback',
    completedAt: LATER,
  });
  const refunded = rewardEvent('RewardRefunded', { cashbackId: randomUUID(), refundedAt: LATER });
  const reward = async () => (await customerRewards(infra.knex, customerId, page)).rows[0];

  it('RewardStarted: the reward, started, with its progress', async () => {
    await applyToDb(infra.knex, rewardsProjection, [started], { replayed: true });
    expect(await reward()).toMatchObject({ id: rewardId, status: 'started', value: 2000, target: 5000 });
  });

  it('RewardProgressed: pending, its new progress', async () => {
    await applyToDb(infra.knex, rewardsProjection, [progressed], { replayed: true });
    expect(await reward()).toMatchObject({ status: 'pending', value: 3000 });
  });

  it('RewardCompleted: completed, its value', async () => {
    await applyToDb(infra.knex, rewardsProjection, [completed], { replayed: true });
    expect(await reward()).toMatchObject({ status: 'completed', rewardValue: 500 });
  });

  it('RewardRefunded: refunded', async () => {
    await applyToDb(infra.knex, rewardsProjection, [refunded], { replayed: true });
    expect(await reward()).toMatchObject({ status: 'refunded' });
    // A replay of an older event changes nothing.
    await applyToDb(infra.knex, rewardsProjection, [progressed]);
    expect(await reward()).toMatchObject({ status: 'refunded', value: 3000 });
  });

  /** A reward's four events on a stream of their own, for the page-at-a-time cases. */
  const lifecycle = () => {
    const id = randomUUID();
    const on = (type: string, data: object) => recorded(type, { ...data, rewardId: id }, { stream: rewardStream(id) });
    return {
      id,
      events: [
        on('RewardStarted', { ...started.data, customerId: id }),
        on('RewardProgressed', progressed.data),
        on('RewardCompleted', completed.data),
        on('RewardRefunded', refunded.data),
      ],
    };
  };
  const rowOf = async (id: string) => {
    const row = (await infra.knex('rm_hub_rewards').where({ id }).first()) as Record<string, unknown>;
    return { ...row, id: undefined, customer_id: undefined };
  };

  it('a page at a time (applyBatch): the same row as one event at a time, whether it starts the reward or not', async () => {
    const one = lifecycle();
    for (const event of one.events) await applyToDb(infra.knex, rewardsProjection, [event]);
    const whole = lifecycle();
    await applyToDb(infra.knex, rewardsProjection, whole.events, { batch: true, replayed: true });
    expect(await rowOf(whole.id)).toEqual(await rowOf(one.id));
    const split = lifecycle();
    await applyToDb(infra.knex, rewardsProjection, split.events.slice(0, 1), { batch: true });
    await applyToDb(infra.knex, rewardsProjection, split.events.slice(1, 3), { batch: true, replayed: true });
    expect(await rowOf(split.id)).toMatchObject({
      status: 'completed',
      value: '3000',
      reward_value: '500',
      version: '2',
    });
    await applyToDb(infra.knex, rewardsProjection, split.events.slice(3), { batch: true });
    // A replay of older events, started included, changes nothing.
    await applyToDb(infra.knex, rewardsProjection, split.events.slice(0, 2), { batch: true });
    expect(await rowOf(split.id)).toEqual(await rowOf(one.id));
  });

  const pointsCustomer = randomUUID();
  const ledger = (type: string, data: object) =>
    recorded(type, { customerId: pointsCustomer, hubId, programId, ...data }, { stream: pointsStream(pointsCustomer) });

  it('PointsEarned: an earned entry, the balance up (once, though replayed)', async () => {
    await infra.knex('rm_hub_customers').insert({
      id: pointsCustomer,
      hub_id: hubId,
      program_id: programId,
      ...(await customerRowDefaults()),
    });
    const earned = ledger('PointsEarned', {
      entryId: randomUUID(),
      value: 34,
      transactionId: randomUUID(),
      rewardId: null,
      operationDate: '2026-12-04',
    });
    await applyToDb(infra.knex, pointsProjection, [earned], { replayed: true });
    expect(await pointsOf(infra.knex, pointsCustomer, 10)).toMatchObject({
      balance: 34,
      history: [{ operationType: 'earned', value: 34 }],
    });
    expect(await balanceOnProfile()).toBe(34);
  });

  it('PointsSpent: a spent entry, the balance down', async () => {
    const spent = ledger('PointsSpent', { entryId: randomUUID(), value: 30, operationDate: AT, spentAt: AT });
    await applyToDb(infra.knex, pointsProjection, [spent], { replayed: true });
    const points = await pointsOf(infra.knex, pointsCustomer, 10);
    expect(points.balance).toBe(4);
    expect(points.history.map((e) => e.operationType)).toEqual(['spent', 'earned']);
    expect(await balanceOnProfile()).toBe(4);
  });

  it('a page of entries at a time (applyBatch): each entry once, the balance summed once for the page', async () => {
    const earned = ledger('PointsEarned', {
      entryId: randomUUID(),
      value: 10,
      transactionId: null,
      rewardId: randomUUID(),
      operationDate: '2026-12-05',
    });
    const spent = ledger('PointsSpent', { entryId: randomUUID(), value: 6, operationDate: AT, spentAt: AT });
    await applyToDb(infra.knex, pointsProjection, [earned, spent], { batch: true, replayed: true });
    const points = await pointsOf(infra.knex, pointsCustomer, 10);
    expect(points.balance).toBe(8);
    expect(points.history.map((e) => [e.operationType, e.value])).toEqual([
      ['spent', 6],
      ['earned', 10],
      ['spent', 30],
      ['earned', 34],
    ]);
    expect(await balanceOnProfile()).toBe(8);
  });

  const balanceOnProfile = async () => {
    const row: unknown = await infra.knex('rm_hub_customers').where({ id: pointsCustomer }).first('points_balance');
    return (row as { points_balance: number }).points_balance;
  };

  /** The customers row's required columns, as the customers projection would fill them. */
  async function customerRowDefaults(): Promise<Record<string, unknown>> {
    const found: unknown = await infra
      .knex('information_schema.columns')
      .where({ table_name: 'rm_hub_customers', is_nullable: 'NO' })
      .whereNull('column_default')
      .select('column_name', 'data_type');
    const columns = found as { column_name: string; data_type: string }[];
    const value = (type: string): unknown =>
      type.includes('timestamp')
        ? AT
        : type === 'boolean'
          ? false
          : type.includes('int') || type === 'bigint'
            ? 0
            : type === 'jsonb'
              ? '{}'
              : type === 'ARRAY'
                ? '{}'
                : 'x';
    return Object.fromEntries(
      columns
        .filter((c) => !['id', 'hub_id', 'program_id'].includes(c.column_name))
        .map((c) => [c.column_name, value(c.data_type)]),
    );
  }
});
