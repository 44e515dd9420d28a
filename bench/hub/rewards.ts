/**
 * bench:hub part `rewards`: `transactions` matched purchases of `customers` customers against a hub's offers (20
 * active of mixed conditions: SPND+AMNT, SPND+NMBR and `average` each at one store, CREA, RFRL; the rest inactive
 * or out of period), from the matched events appended to every reward event appended by the engine and the offers,
 * rewards and points read models caught up.
 */
import { randomUUID } from 'node:crypto';
import type { OfferSettings } from '../../src/domain/hub/offers/events.js';
import { customerStream, hubStream, offerStream, transactionStream } from '../../src/commands/hub/streams.js';
import { systemClock } from '../../src/platform/clock.js';
import { createKnex } from '../../src/platform/db.js';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import type { JsonObject } from '../../src/platform/eventstore/types.js';
import { createLogger } from '../../src/platform/logger.js';
import { offersProjection } from '../../src/projections/hub/offers/projection.js';
import { pointsProjection } from '../../src/projections/hub/points/projection.js';
import { rewardsProjection } from '../../src/projections/hub/rewards/projection.js';
import { ProjectionRunner } from '../../src/projections/runner.js';
import { RewardEngineLoop } from '../../src/workers/hub/reward-engine.js';
import { status } from '../shared/progress.js';
import { settings as hubSettings, subscribedCustomerEvents } from '../../test/support/fixtures/hub.js';

const AT = '2026-12-01T09:00:00.000Z';
const STORES = 16;
const event = (type: string, data: object) => ({ id: randomUUID(), type, data: data as JsonObject });

const offer = (over: Partial<OfferSettings>): OfferSettings => ({
  name: 'bench',
  offerType: 'frequency',
  teaser: null,
  startDate: null,
  endDate: null,
  rewardType: 'RFND',
  rewardLabel: null,
  rewardValue: 500,
  rewardCumulatedLimit: 5000,
  conditionType: 'SPND',
  conditionLabel: null,
  conditionValue: 10_000,
  conditionValueType: 'AMNT',
  terms: null,
  cappingLimit: null,
  cappingType: 'amount',
  legalConditionText: null,
  stores: null,
  nbTransactionPerReward: null,
  occurrenceLimit: 5,
  multipleOccurenceByDay: true,
  active: true,
  emailNotificationDate: null,
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

/** Sets a hub up in `databaseUrl` (migrated), appends the purchases, then times the engine and the read models. */
export async function runRewards(opts: {
  databaseUrl: string;
  customers: number;
  perCustomer: number;
  offers: number;
}): Promise<RewardsRun> {
  const store = new PostgresEventStore({ connectionString: opts.databaseUrl, pollMs: 50 });
  const knex = createKnex(opts.databaseUrl);
  try {
    const hubId = randomUUID();
    const programId = randomUUID();
    const settings = { ...hubSettings, rewardType: 'CASHBACK', pointsPerCurrencyUnit: 0 };
    await store.append(hubStream(hubId), [event('HubCreated', { hubId, programId, settings, createdAt: AT })], {
      expectedRevision: 'no_stream',
    });
    const storeIds = Array.from({ length: STORES }, () => randomUUID());
    const active = activeOffers(storeIds);
    const idle = Array.from({ length: Math.max(0, opts.offers - active.length) }, (_, i) =>
      i % 2 === 0 ? offer({ active: false }) : offer({ endDate: '2020-01-01T00:00:00.000Z' }),
    );
    await pool([...idle, ...active], 8, async (settings) => {
      const offerId = randomUUID();
      await store.append(
        offerStream(offerId),
        [event('OfferCreated', { offerId, hubId, programId, settings, createdAt: AT })],
        {
          expectedRevision: 'no_stream',
        },
      );
    });
    const customers = Array.from({ length: opts.customers }, () => randomUUID());
    await pool(
      customers.map((id, i) => [id, i] as const),
      8,
      async ([customerId, i]) => {
        const referredBy = i > 0 && i % 10 === 0 ? customers[i - 1]! : null;
        await store.append(
          customerStream(customerId),
          subscribedCustomerEvents({ customerId, hubId, programId }, referredBy, AT).map((e) => event(e.type, e.data)),
          { expectedRevision: 'no_stream' },
        );
      },
    );
    // The engine indexes the hub, offers and customers (and pays CREA, RFRL) before the clock starts.
    const engine = new RewardEngineLoop({ knex, store, clock: systemClock, name: `bench-${hubId}` });
    await engine.drain();
    status(
      `  rewards (${opts.offers} offers): set up; appending ${opts.customers * opts.perCustomer} matched purchases`,
    );
    const purchases = customers.flatMap((customerId, c) =>
      Array.from({ length: opts.perCustomer }, (_, k) => ({ customerId, k, store: storeIds[(c + k) % STORES]! })),
    );
    await pool(purchases, 8, async ({ customerId, k, store: storeId }) => {
      const transactionId = randomUUID();
      const purchaseDate = `2026-11-${String(1 + (k % 28)).padStart(2, '0')}`;
      const imported = {
        transactionId,
        hubId,
        programId,
        customerId,
        connectionId: randomUUID(),
        providerTransactionId: transactionId,
        label: 'CB BENCH',
        amount: -(500 + ((k * 733) % 4000)),
        currency: 'EUR',
        purchaseDate,
        dateBankingStatement: purchaseDate,
        dataProviderType: 'bank',
        eligibleFrom: '2026-01-01T00:00:00.000Z',
        importedAt: AT,
      };
      const matched = {
        transactionId,
        purchaseLocation: { id: storeId, externalId: storeId, type: 'store' },
        pattern: 'CB BENCH',
        matchedAt: AT,
      };
      await store.append(
        transactionStream(transactionId),
        [event('TransactionImported', imported), event('TransactionMatched', matched)],
        {
          expectedRevision: 'no_stream',
        },
      );
    });
    const runner = new ProjectionRunner([offersProjection, rewardsProjection, pointsProjection], {
      knex,
      store,
      databaseUrl: opts.databaseUrl,
      logger: createLogger('silent'),
      pollMs: 50,
    });
    const started = performance.now();
    runner.start();
    await engine.drain();
    const head = await store.headPosition();
    const caughtUp = await runner.waitFor(
      head,
      [offersProjection.name, rewardsProjection.name, pointsProjection.name],
      900_000,
    );
    const seconds = (performance.now() - started) / 1000;
    await runner.stop();
    if (!caughtUp) throw new Error('the read models did not catch up');
    const [{ count }] = (await knex('rm_hub_rewards').where({ hub_id: hubId }).count({ count: '*' })) as [
      { count: string },
    ];
    return { transactions: purchases.length, seconds, rewardEvents: Number(count) };
  } finally {
    await store.close();
    await knex.destroy();
  }
}
