/**
 * bench:hub — against baselines measured in the same run, printed as one table with targets:
 * 1. the store matcher (Aho–Corasick, compiled once per store list) against the naive `label.includes(pattern)`
 *    loop, 5,000 patterns × 100,000 labels, in interleaved rounds: identical outcomes, ≥ 20× the labels per second;
 * 2. the pipeline of flow 2: 50,000 transactions of 1,000 customers imported → matched → pushed as signed
 *    customer_transactions to a loopback receiver: matched transactions delivered per second ÷ `store.append ×100`
 *    events per second (bench:eventstore's figure, measured here on the same database) ≥ 0.25; every matched
 *    transaction delivered exactly once, none unmatched pushed. Beside it, as a floor, the same events appended
 *    alone (event-floor.ts).
 * Knobs: BENCH_HUB_PARTS (matcher,pipeline), BENCH_HUB_PATTERNS, BENCH_HUB_LABELS, BENCH_HUB_ROUNDS,
 * BENCH_HUB_CUSTOMERS (1000), BENCH_HUB_PER_CUSTOMER (50), BENCH_HUB_APPEND_SECONDS (5), BENCH_HUB_DATABASE_URL.
 */
import { allMigrations } from '../../src/contexts.js';
import { createKnex, migrate } from '../../src/platform/db.js';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { perSecond, storeAppend, timed } from '../eventstore/appends.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { intFromEnv, loopbackTargets } from '../shared/env.js';
import { status } from '../shared/progress.js';
import { closingLine, loadAverage, runBench } from '../shared/run.js';
import { median, rate, renderSummary, type Figure } from '../shared/stats.js';
import { differences, matchedCount, matcherData, runCompiled, runNaive } from './matcher.js';
import { eventFloorSeconds } from './event-floor.js';
import { runPipeline } from './pipeline.js';
import { receiptFigures } from './receipts.js';
import { runRewards, type RewardsRun } from './rewards.js';

const PARTS = new Set((process.env.BENCH_HUB_PARTS ?? 'matcher,pipeline,receipts,rewards').split(','));
const PATTERNS = intFromEnv('BENCH_HUB_PATTERNS', 5_000);
const LABELS = intFromEnv('BENCH_HUB_LABELS', 100_000);
const ROUNDS = intFromEnv('BENCH_HUB_ROUNDS', 3);
const CUSTOMERS = intFromEnv('BENCH_HUB_CUSTOMERS', 1_000);
const PER_CUSTOMER = intFromEnv('BENCH_HUB_PER_CUSTOMER', 50);
const APPEND_SECONDS = intFromEnv('BENCH_HUB_APPEND_SECONDS', 5);
const MIN_SPEEDUP = 20;
const MIN_PIPELINE_RATIO = 0.25;
const n = (x: number): string => x.toLocaleString('en-US');

async function matcherFigures(): Promise<Figure[]> {
  status(`bench:hub — matcher: ${n(PATTERNS)} patterns × ${n(LABELS)} labels, ${ROUNDS} interleaved rounds`);
  const data = matcherData(PATTERNS, LABELS);
  const naiveRates: number[] = [];
  const compiledRates: number[] = [];
  const builds: number[] = [];
  let mismatches = 0;
  let matched = 0;
  for (let round = 1; round <= ROUNDS; round += 1) {
    const naive = runNaive(data);
    const compiled = runCompiled(data);
    mismatches += differences(naive, compiled);
    matched = matchedCount(compiled);
    naiveRates.push(LABELS / naive.seconds);
    compiledRates.push(LABELS / compiled.seconds);
    builds.push(compiled.buildSeconds * 1000);
    status(
      `  round ${round}: naive ${rate(LABELS / naive.seconds)} labels/s (${naive.seconds.toFixed(2)}s) | ` +
        `compiled ${rate(LABELS / compiled.seconds)} labels/s (${compiled.seconds.toFixed(2)}s, build included)`,
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  const naiveRate = median(naiveRates);
  const compiledRate = median(compiledRates);
  const speedup = compiledRate / naiveRate;
  return [
    { name: '(1) naive includes loop, labels/s [baseline]', value: rate(naiveRate) },
    {
      name: '(1) Aho–Corasick matcher, labels/s (build included)',
      value: rate(compiledRate),
      ratio: `${speedup.toFixed(1)}×`,
      target: `≥ ${MIN_SPEEDUP}×`,
      pass: speedup >= MIN_SPEEDUP,
    },
    {
      name: `(1) outcomes differing from the naive loop (of ${n(LABELS * ROUNDS)})`,
      value: n(mismatches),
      target: '0',
      pass: mismatches === 0,
    },
    { name: '(1) building the automaton once, ms (in the rate above)', value: median(builds).toFixed(0) },
    { name: '(1) labels matched to a store', value: n(matched) },
  ];
}

async function pipelineFigures(): Promise<Figure[]> {
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_HUB', 'goodstream_bench_hub');
  await freshDatabase(databaseUrl);
  const knex = createKnex(databaseUrl);
  await migrate(knex, allMigrations).finally(() => knex.destroy());
  try {
    status(`bench:hub — pipeline: store.append ×100 for ${APPEND_SECONDS}s, then the pipeline, then again`);
    const appendRate = async (): Promise<number> => {
      const store = new PostgresEventStore({ connectionString: databaseUrl, pollMs: 100 });
      try {
        return perSecond(await timed('store.append ×100', APPEND_SECONDS, 8, storeAppend(store, 8, 100)));
      } finally {
        await store.close();
      }
    };
    const before = await appendRate();
    const result = await runPipeline({
      databaseUrl,
      redisUrl,
      customers: CUSTOMERS,
      perCustomer: PER_CUSTOMER,
      timeoutMs: 900_000,
    });
    const after = await appendRate();
    const floor = await (async () => {
      const store = new PostgresEventStore({ connectionString: databaseUrl, pollMs: 100 });
      try {
        return await eventFloorSeconds(store, CUSTOMERS * PER_CUSTOMER, result.matched / result.transactions);
      } finally {
        await store.close();
      }
    })();
    const baseline = median([before, after]);
    const floorRate = floor.matched / floor.seconds;
    const delivered = result.matched / result.seconds;
    const ratio = delivered / baseline;
    status(
      `  store.append ×100 ${rate(before)} then ${rate(after)} events/s; ${n(result.matched)} delivered in ${result.seconds.toFixed(1)}s (${n(result.deliveries)} deliveries); the same events appended alone in ${floor.seconds.toFixed(1)}s`,
    );
    return [
      { name: '(2) store.append ×100, events/s [baseline]', value: rate(baseline) },
      {
        name: `(2) matched transactions delivered/s (${n(result.transactions)} imported, ${n(result.matched)} matched)`,
        value: rate(delivered),
        ratio: ratio.toFixed(2),
        target: `≥ ${MIN_PIPELINE_RATIO}`,
        pass: ratio >= MIN_PIPELINE_RATIO,
      },
      {
        name: "(2) the pipeline's events appended alone (imports, matches, pushes), matched transactions/s [floor]",
        value: rate(floorRate),
        ratio: (floorRate / baseline).toFixed(2),
      },
      {
        name: '(2) transactions delivered more than once',
        value: n(result.duplicates),
        target: '0',
        pass: result.duplicates === 0,
      },
      {
        name: '(2) unmatched transactions pushed',
        value: n(result.unmatchedPushed),
        target: '0',
        pass: result.unmatchedPushed === 0,
      },
      {
        name: '(2) deliveries unsigned or not customer_transactions',
        value: n(result.unsigned),
        target: '0',
        pass: result.unsigned === 0,
      },
    ];
  } finally {
    await dropDatabase(databaseUrl);
  }
}

const REWARD_OFFERS_MANY = intFromEnv('BENCH_HUB_REWARD_OFFERS', 2_000);
const MIN_REWARDS_RATIO = 0.5;
const MAX_OFFERS_SLOWDOWN = 1.3;

/** (3) the reward engine: matched purchases per second ÷ store.append ×1; 20 vs 2,000 offers (20 active). */
async function rewardsFigures(): Promise<Figure[]> {
  const { databaseUrl } = loopbackTargets('BENCH_HUB', 'goodstream_bench_hub_rewards');
  const run = async (offers: number, customers: number) => {
    await freshDatabase(databaseUrl);
    const knex = createKnex(databaseUrl);
    await migrate(knex, allMigrations).finally(() => knex.destroy());
    try {
      return await runRewards({ databaseUrl, customers, perCustomer: PER_CUSTOMER, offers });
    } finally {
      await dropDatabase(databaseUrl);
    }
  };
  const appendRate = async (): Promise<number> => {
    await freshDatabase(databaseUrl);
    const knex = createKnex(databaseUrl);
    await migrate(knex, allMigrations).finally(() => knex.destroy());
    const store = new PostgresEventStore({ connectionString: databaseUrl, pollMs: 100 });
    try {
      return perSecond(await timed('store.append ×1', APPEND_SECONDS, 8, storeAppend(store, 8, 1)));
    } finally {
      await store.close();
      await dropDatabase(databaseUrl);
    }
  };
  status(
    `bench:hub — rewards: store.append ×1 for ${APPEND_SECONDS}s, the engine with 20, ${REWARD_OFFERS_MANY}, ` +
      `${REWARD_OFFERS_MANY} then 20 offers (interleaved: load drifts), store.append ×1 again`,
  );
  const before = await appendRate();
  const runs: (RewardsRun & { readonly offers: number })[] = [];
  for (const offers of [20, REWARD_OFFERS_MANY, REWARD_OFFERS_MANY, 20]) {
    const result = await run(offers, CUSTOMERS);
    status(`  ${n(offers)} offers: ${rate(result.transactions / result.seconds)} tx/s`);
    runs.push({ offers, ...result });
  }
  const after = await appendRate();
  const baseline = (before + after) / 2;
  // Each configuration's rate over both its runs: purchases of both ÷ seconds of both.
  const pooled = (offers: number) => {
    const mine = runs.filter((r) => r.offers === offers);
    const sum = (f: (r: (typeof mine)[number]) => number) => mine.reduce((total, r) => total + f(r), 0);
    return { transactions: sum((r) => r.transactions), rate: sum((r) => r.transactions) / sum((r) => r.seconds) };
  };
  const few = { ...pooled(20), rewardEvents: runs.filter((r) => r.offers === 20).at(-1)?.rewardEvents ?? 0 };
  const fewRate = few.rate;
  const manyRate = pooled(REWARD_OFFERS_MANY).rate;
  const ratio = fewRate / baseline;
  const slowdown = fewRate / manyRate;
  status(
    `  store.append ×1 ${rate(before)} then ${rate(after)} events/s; 20 offers ${rate(fewRate)} tx/s; ` +
      `${REWARD_OFFERS_MANY} offers ${rate(manyRate)} tx/s`,
  );
  return [
    { name: '(4) store.append ×1, events/s, mean of before and after [baseline]', value: rate(baseline) },
    {
      name: `(4) matched purchases through the reward engine and read models/s (${n(few.transactions)} in 2 runs, 20 offers, ${n(few.rewardEvents)} rewards a run)`,
      value: rate(fewRate),
      ratio: ratio.toFixed(2),
      target: `≥ ${MIN_REWARDS_RATIO}`,
      pass: ratio >= MIN_REWARDS_RATIO,
    },
    {
      name: `(4) the same with ${n(REWARD_OFFERS_MANY)} offers (20 active, 2 runs): 20-offer rate ÷ this`,
      value: rate(manyRate),
      ratio: `${slowdown.toFixed(2)}×`,
      target: `≤ ${MAX_OFFERS_SLOWDOWN}×`,
      pass: slowdown <= MAX_OFFERS_SLOWDOWN,
    },
  ];
}

async function main(): Promise<void> {
  const startedMs = performance.now();
  status(`  node ${process.version}; load average ${loadAverage()}`);
  const figures = [
    ...(PARTS.has('matcher') ? await matcherFigures() : []),
    ...(PARTS.has('pipeline') ? await pipelineFigures() : []),
    ...(PARTS.has('receipts') ? await receiptFigures() : []),
    ...(PARTS.has('rewards') ? await rewardsFigures() : []),
  ];
  status(
    `\nSummary (matcher: medians of ${ROUNDS} rounds, ratio to the naive loop; pipeline: ratio to store.append ×100)`,
  );
  status(renderSummary(figures));
  status(closingLine(figures, startedMs));
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

void runBench(main);
