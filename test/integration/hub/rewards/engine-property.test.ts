import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spendPoints } from '../../../../src/commands/hub/points/spend.js';
import { pointsStream, rewardIdOf, rewardStream } from '../../../../src/commands/hub/streams.js';
import { DomainError } from '../../../../src/domain/shared/errors.js';
import { fixedClock } from '../../../../src/platform/clock.js';
import { PostgresEventStore } from '../../../../src/platform/eventstore/postgres/store.js';
import type { EventStore } from '../../../../src/platform/eventstore/types.js';
import { RewardEngineLoop } from '../../../../src/workers/hub/reward-engine.js';
import { openTestInfra, type TestInfra } from '../../../support/infra.js';
import { spendOffer, world } from './world.js';

const clock = fixedClock(new Date('2026-12-05T10:00:00.000Z'));
const OCCURRENCES = 3;
const CUMULATED = 1500;
const CAP = 2500;

type Step =
  | { kind: 'purchase'; customer: number; amount: number; day: number }
  | { kind: 'change'; conditionValue: number; rewardValue: number }
  | { kind: 'spend'; customer: number; values: [number, number] }
  | { kind: 'engine'; which: 'a' | 'b' | 'both' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('purchase' as const),
      customer: fc.nat(2),
      amount: fc.integer({ min: 100, max: 9000 }),
      day: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('change' as const),
      conditionValue: fc.integer({ min: 1000, max: 9000 }),
      rewardValue: fc.integer({ min: 100, max: 900 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('spend' as const),
      customer: fc.nat(2),
      values: fc.tuple(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 80 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('engine' as const),
      which: fc.constantFrom('a' as const, 'b' as const, 'both' as const),
    }),
  },
);

async function completions(store: EventStore, customerId: string, offerId: string) {
  const out: { value: number; counted: string[] }[] = [];
  for (let n = 1; ; n++) {
    const events = await store.readStream(rewardStream(rewardIdOf(customerId, offerId, n)));
    if (events.length === 0) return out;
    const counted = events.filter((e) => e.type !== 'RewardCompleted').map((e) => e.data.transactionId as string);
    const done = events.find((e) => e.type === 'RewardCompleted');
    if (done) out.push({ value: Number(done.data.rewardValue), counted });
    else out.push({ value: -1, counted });
  }
}

describe('the reward engine, property: two engines over random purchases, offer changes and spends', () => {
  let infra: TestInfra;
  let second: PostgresEventStore;
  let runs = 0;
  beforeAll(async () => {
    infra = await openTestInfra();
    second = new PostgresEventStore({ connectionString: infra.url, pollMs: 50 });
  });
  afterAll(async () => {
    await second.close();
    await infra.close();
  });

  it('never completes past occurrenceLimit, rewardCumulatedLimit or cappingLimit; points never below zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        const run = runs++;
        const a = new RewardEngineLoop({ knex: infra.knex, store: infra.store, clock, name: `pa${run}` });
        const b = new RewardEngineLoop({ knex: infra.knex, store: second, clock, name: `pb${run}` });
        const w = world(infra.store, { rewardType: 'POINTS', pointsPerCurrencyUnit: 1 });
        await w.hub();
        const offerId = await w.offer(
          spendOffer({
            occurrenceLimit: OCCURRENCES,
            rewardCumulatedLimit: CUMULATED,
            cappingLimit: CAP,
            rewardValue: 500,
            conditionValue: 4000,
          }),
        );
        const customers = [await w.customer(), await w.customer(), await w.customer()];
        const engines = { a: () => a.drain(), b: () => b.drain(), both: () => Promise.all([a.drain(), b.drain()]) };
        for (const s of steps) {
          if (s.kind === 'purchase') await w.purchase(customers[s.customer]!, s.amount, `2026-12-0${s.day}`);
          else if (s.kind === 'change')
            await w.changeOffer(offerId, { conditionValue: s.conditionValue, rewardValue: s.rewardValue });
          else if (s.kind === 'engine') await engines[s.which]();
          else {
            const spend = (value: number, store: EventStore) =>
              spendPoints(
                { store, clock },
                { customerId: customers[s.customer]!, hubId: w.hubId, value, operationDate: '2026-12-05' },
                { tenantId: w.programId, actor: 'test' },
              ).catch((error: unknown) => {
                if (!(error instanceof DomainError && error.errorName === 'operation_refused')) throw error;
              });
            await Promise.all([spend(s.values[0], infra.store), spend(s.values[1], second)]);
          }
        }
        await engines.both();
        let offerTotal = 0;
        for (const customerId of customers) {
          const done = await completions(infra.store, customerId, offerId);
          const completed = done.filter((d) => d.value >= 0);
          expect(completed.length).toBeLessThanOrEqual(OCCURRENCES);
          const paid = completed.reduce((sum, d) => sum + d.value, 0);
          expect(paid).toBeLessThanOrEqual(CUMULATED);
          offerTotal += paid;
          const counted = done.flatMap((d) => d.counted);
          expect(new Set(counted).size).toBe(counted.length);
          const ledger = await infra.store.readStream(pointsStream(customerId));
          let balance = 0;
          for (const e of ledger) {
            balance += e.type === 'PointsEarned' ? Number(e.data.value) : -Number(e.data.value);
            expect(balance).toBeGreaterThanOrEqual(0);
          }
          const earned = ledger.filter((e) => e.type === 'PointsEarned').reduce((n, e) => n + Number(e.data.value), 0);
          const spent = ledger.filter((e) => e.type === 'PointsSpent').reduce((n, e) => n + Number(e.data.value), 0);
          expect(balance).toBe(earned - spent);
          const entryIds = ledger.map((e) => e.data.entryId as string);
          expect(new Set(entryIds).size).toBe(entryIds.length);
        }
        expect(offerTotal).toBeLessThanOrEqual(CAP);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
