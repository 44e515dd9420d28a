/**
 * bench:hub part `rewards`: `transactions` matched purchases of `customers` customers against a hub's offers (20
 * active of mixed conditions: SPND+AMNT, SPND+NMBR and `average` each at one store, CREA, RFRL; the rest inactive
 * or out of period), from the matched events appended to every reward event appended by the engine and the offers,
 * rewards and points read models caught up. The engine and the read models take in the set-up before the clock starts.
 */
import { randomUUID } from 'node:crypto';
import type { OfferSettings } from '../../src/domain/hub/offers/events.js';
import { systemClock } from '../../src/platform/clock.js';
import { createKnex } from '../../src/platform/db.js';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { createLogger } from '../../src/platform/logger.js';
import { offersProjection } from '../../src/projections/hub/offers/projection.js';
import { pointsProjection } from '../../src/projections/hub/points/projection.js';
import { rewardsProjection } from '../../src/projections/hub/rewards/projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { RewardEngineLoop } from '../../src/workers/hub/reward-engine.js';
import { status } from '../shared/progress.js';
import { spendOffer, world } from '../../test/integration/hub/rewards/world.js';

const STORES = 16;

/** The bench's offers: SPND+AMNT 100.00 for 5.00, at most 5 times and 50.00 in all, any number a day. */
const offer = (over: Partial<OfferSettings>): OfferSettings =>
  spendOffer({
    name: 'bench',
    rewardLabel: null,
    rewardCumulatedLimit: 5000,
    conditionValue: 10_000,
    occurrenceLimit: 5,
    multipleOccurenceByDay: true,
    ...over,
  });

/** The 20 active offers: 16 purchase offers, one per store (8 AMNT, 4 NMBR, 4 average), 2 CREA, 2 RFRL. */
function activeOffers(storeIds: readonly string[]): OfferSettings[] {
  const bySpend = storeIds.map((id, i) =>
    offer({
      stores: { related: [id] },
      ...(i % 4 === 1 ? { conditionValueType: 'NMBR' as const, conditionValue: 3 } : {}),
      ...(i % 4 === 3 ? { offerType: 'average' as const, conditionValue: 2000 } : {}),
    }),
  );
  const crea = [0, 1].map(() => offer({ offerType: 'welcome', conditionType: 'CREA', rewardType: 'GIFT_CARD' }));
  const rfrl = [0, 1].map(() => offer({ offerType: 'referral', conditionType: 'RFRL', conditionValue: 1 }));
  return [...bySpend, ...crea, ...rfrl];
}

export interface RewardsRun {
  readonly transactions: number;
  readonly seconds: number;
  readonly rewardEvents: number;
}

async function pool<T>(items: readonly T[], concurrency: number, each: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await each(items[next++]!);
    }),
  );
}

type World = ReturnType<typeof world>;

/** The hub, its offers (20 active, the rest inactive or out of period) and its subscribed customers. */
async function setUp(w: World, opts: { customers: number; offers: number }) {
  await w.hub();
  const storeIds = Array.from({ length: STORES }, () => randomUUID());
  const active = activeOffers(storeIds);
  const idle = Array.from({ length: Math.max(0, opts.offers - active.length) }, (_, i) =>
    i % 2 === 0 ? offer({ active: false }) : offer({ endDate: '2020-01-01T00:00:00.000Z' }),
  );
  await pool([...idle, ...active], 8, (settings) => w.offer(settings));
  const customers = Array.from({ length: opts.customers }, () => randomUUID());
  await pool(
    customers.map((id, i) => [id, i] as const),
    8,
    ([customerId, i]) => w.customer(i > 0 && i % 10 === 0 ? customers[i - 1]! : null, customerId),
  );
  return { storeIds, customers };
}

/** `perCustomer` matched debits of each customer, at the hub's stores in turn; answers how many. */
async function appendPurchases(w: World, hub: Awaited<ReturnType<typeof setUp>>, perCustomer: number) {
  const purchases = hub.customers.flatMap((customerId, c) =>
    Array.from({ length: perCustomer }, (_, k) => ({ customerId, k, storeId: hub.storeIds[(c + k) % STORES]! })),
  );
  await pool(purchases, 8, ({ customerId, k, storeId }) => {
    const day = `2026-11-${String(1 + (k % 28)).padStart(2, '0')}`;
    const location = { id: storeId, externalId: storeId, type: 'store' };
    return w.purchase(customerId, 500 + ((k * 733) % 4000), day, randomUUID(), location);
  });
  return purchases.length;
}

/**
 * Sets a hub up in `databaseUrl` (migrated); the engine and the read models take in the set-up (offers, customers,
 * CREA and RFRL) before the clock starts; then appends the purchases and times the engine and the read models.
 */
export async function runRewards(opts: {
  databaseUrl: string;
  customers: number;
  perCustomer: number;
  offers: number;
}): Promise<RewardsRun> {
  const store = new PostgresEventStore({ connectionString: opts.databaseUrl, pollMs: 50 });
  const knex = createKnex(opts.databaseUrl);
  const projections = [offersProjection, rewardsProjection, pointsProjection];
  const names = projections.map((p) => p.name);
  const logger = createLogger('silent');
  const runner = new ProjectionRunner(projections, { knex, store, databaseUrl: opts.databaseUrl, logger, pollMs: 50 });
  const caughtUp = async () => runner.waitFor(await store.headPosition(), names, 900_000);
  const w = world(store);
  try {
    const hub = await setUp(w, opts);
    const engine = new RewardEngineLoop({ knex, store, clock: systemClock, name: `bench-${w.hubId}` });
    await engine.drain();
    runner.start();
    if (!(await caughtUp())) throw new Error('the read models did not take the set-up in');
    status(
      `  rewards (${opts.offers} offers): set up; appending ${opts.customers * opts.perCustomer} matched purchases`,
    );
    const transactions = await appendPurchases(w, hub, opts.perCustomer);
    const started = performance.now();
    await engine.drain();
    if (!(await caughtUp())) throw new Error('the read models did not catch up');
    const seconds = (performance.now() - started) / 1000;
    const [{ count }] = (await knex('rm_hub_rewards').where({ hub_id: w.hubId }).count({ count: '*' })) as [
      { count: string },
    ];
    return { transactions, seconds, rewardEvents: Number(count) };
  } finally {
    await runner.stop();
    await store.close();
    await knex.destroy();
  }
}
