/**
 * `npm run bench:eventstore`: the PostgreSQL event store against raw PostgreSQL
 * on the same server, in interleaved rounds (baseline, subject, baseline, …),
 * each figure the median of its rounds and a ratio to its baseline.
 * Knobs: see config.ts (BENCH_ROUNDS, BENCH_ROUND_SECONDS, BENCH_LARGE, …).
 */
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { appendRounds, p50, p99, perSecond } from './appends.js';
import { describeConfig, loadConfig } from './config.js';
import { projectionRounds } from './projection.js';
import { status } from '../shared/progress.js';
import { describeSlices, readRounds } from './reads.js';
import { bulkLoad, dropDatabases, emptyTables, prepareDatabase } from './setup.js';
import { median, ms, pct, rate, renderSummary, type Figure } from '../shared/stats.js';
import { closingLine, runBench } from '../shared/run.js';

const report = (line: string): void => console.log(line);

async function main(): Promise<void> {
  const config = loadConfig();
  const { databaseUrl } = config;
  const started = performance.now();
  report(`goodstream event store bench — ${new Date().toISOString()}, node ${process.version}`);
  report(`  ${describeConfig(config)}`);

  const knex = await prepareDatabase(databaseUrl);
  const smallKnex = await prepareDatabase(config.smallDatabaseUrl);
  const onError = (error: Error): void => status(`store error: ${error.message}`);
  const store = new PostgresEventStore({ connectionString: databaseUrl, onError });
  const smallStore = new PostgresEventStore({ connectionString: config.smallDatabaseUrl, onError });
  const figures: Figure[] = [];
  try {
    report(`\n1-3. Appends, ${config.concurrency} concurrent clients`);
    const a = await appendRounds({ ...config, databaseUrl, store, batch: config.appendBatch, report });
    const rawInsert = median(a.rawInsert.map(perSecond));
    const single = median(a.single.map(perSecond));
    const batch = median(a.batch.map(perSecond));
    const rawBatch = median(a.rawBatch.map(perSecond));
    const singleP99 = median(a.single.map(p99));
    report(
      `  median: raw INSERT ${rate(rawInsert)} tx/s (p99 ${ms(median(a.rawInsert.map(p99)))}) | ` +
        `store.append ×1 ${rate(single)} ev/s = ${pct(single / rawInsert)} (p50 ${ms(median(a.single.map(p50)))}, p99 ${ms(singleP99)}) | ` +
        `store.append ×${config.appendBatch} ${rate(batch)} ev/s = ${pct(batch / rawInsert)} | raw INSERT ×${config.appendBatch} ${rate(rawBatch)} rows/s`,
    );
    figures.push(
      { name: '(1) raw single-row INSERT, tx/s [baseline]', value: rate(rawInsert) },
      {
        name: '(2) store.append ×1, events/s',
        value: rate(single),
        ratio: pct(single / rawInsert),
        target: '≥ 50%',
        pass: single / rawInsert >= 0.5,
      },
      {
        name: '(2) store.append ×1, p50 latency',
        value: ms(median(a.single.map(p50))),
        ratio: `raw ${ms(median(a.rawInsert.map(p50)))}`,
      },
      {
        name: '(2) store.append ×1, p99 latency',
        value: ms(singleP99),
        ratio: `raw ${ms(median(a.rawInsert.map(p99)))}`,
        target: '< 10 ms',
        pass: singleP99 < 10,
      },
      { name: `(3) store.append ×${config.appendBatch}, events/s`, value: rate(batch), ratio: pct(batch / rawInsert) },
      {
        name: `(3) ref: raw INSERT of ${config.appendBatch} rows, rows/s`,
        value: rate(rawBatch),
        ratio: pct(rawBatch / rawInsert),
      },
      {
        name: `(3) store.append ×${config.appendBatch} vs raw ×${config.appendBatch}`,
        value: '',
        ratio: pct(batch / rawBatch),
      },
    );

    report(`\n4. Reads: raw pages by seq vs store.readAll, pages of ${config.readPage}, both sizes in every round`);
    await emptyTables(knex);
    await bulkLoad(config.smallDatabaseUrl, smallKnex, config.small, config.loadChunk);
    await bulkLoad(databaseUrl, knex, config.large, config.loadChunk);
    const smallName = compact(config.small);
    const largeName = compact(config.large);
    const [smallReads, largeReads] = await readRounds(
      [
        {
          label: smallName,
          databaseUrl: config.smallDatabaseUrl,
          knex: smallKnex,
          store: smallStore,
          total: config.small,
        },
        { label: largeName, databaseUrl, knex, store, total: config.large },
      ],
      { sliceSize: config.readSlice, page: config.readPage, rounds: config.readRounds, report },
    );
    const sizes = [smallReads!, largeReads!].map((r) => ({ r, raw: median(r.raw), subject: median(r.store) }));
    const [small, large] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
    for (const [name, size] of [
      [smallName, small],
      [largeName, large],
    ] as const) {
      report(
        `  median @${name}: raw ${rate(size.raw)} ev/s | readAll ${rate(size.subject)} ev/s = ${pct(size.subject / size.raw)} (${describeSlices(size.r)})`,
      );
    }
    // Both sizes are read in every round: the ratio of each round's pair cancels what the machine was doing then.
    const paired = (a: number[], b: number[]): number => median(a.map((x, i) => x / b[i]!));
    const growth = paired(large.r.store, small.r.store);
    const rawGrowth = paired(large.r.raw, small.r.raw);
    report(
      `  @${largeName} / @${smallName}, median of each round's pair: readAll ${pct(growth)}, raw ${pct(rawGrowth)} ` +
        `(ratio of the medians: readAll ${pct(large.subject / small.subject)}, raw ${pct(large.raw / small.raw)})`,
    );
    figures.push(
      { name: `(4) raw read @${smallName}, events/s [baseline]`, value: rate(small.raw) },
      {
        name: `(4) readAll @${smallName}, events/s`,
        value: rate(small.subject),
        ratio: pct(small.subject / small.raw),
        target: '≥ 50%',
        pass: small.subject / small.raw >= 0.5,
      },
      { name: `(4) raw read @${largeName}, events/s [baseline]`, value: rate(large.raw) },
      {
        name: `(4) readAll @${largeName}, events/s`,
        value: rate(large.subject),
        ratio: pct(large.subject / large.raw),
        target: '≥ 50%',
        pass: large.subject / large.raw >= 0.5,
      },
      {
        name: `(4) readAll @${largeName} / readAll @${smallName} (paired)`,
        value: '',
        ratio: pct(growth),
        target: '≥ 90%',
        pass: growth >= 0.9,
      },
      { name: `(4) ref: raw @${largeName} / raw @${smallName} (paired)`, value: '', ratio: pct(rawGrowth) },
    );

    report(
      `\n5. Projection catch-up over the newest ${config.projectionEvents.toLocaleString('en-US')} of ${largeName} events ` +
        `(per-event apply: ${config.perEventEvents.toLocaleString('en-US')}), batchSize ${config.projectionBatch}`,
    );
    const p = await projectionRounds({
      databaseUrl,
      knex,
      store,
      batchSize: config.projectionBatch,
      events: config.projectionEvents,
      perEventEvents: config.perEventEvents,
      total: config.large,
      rounds: config.rounds,
      page: config.readPage,
      report,
    });
    const raw = median(p.raw);
    const perEvent = median(p.perEvent);
    const batched = median(p.batch);
    report(
      `  median: raw read ${rate(raw)} ev/s | per-event apply ${rate(perEvent)} ev/s = ${pct(perEvent / raw)} | applyBatch ${rate(batched)} ev/s = ${pct(batched / raw)}`,
    );
    figures.push(
      { name: `(5) raw read of the same events, events/s [baseline]`, value: rate(raw) },
      {
        name: '(5) projection, per-event apply, events/s',
        value: rate(perEvent),
        ratio: pct(perEvent / raw),
        target: '≥ 20,000/s',
        pass: perEvent >= 20_000,
      },
      {
        name: '(5) projection, applyBatch, events/s',
        value: rate(batched),
        ratio: pct(batched / raw),
        target: '≥ 20,000/s',
        pass: batched >= 20_000,
      },
    );
  } finally {
    await Promise.all([store.close(), smallStore.close(), knex.destroy(), smallKnex.destroy()]);
    if (process.env.BENCH_KEEP_DATABASES !== '1') await dropDatabases([databaseUrl, config.smallDatabaseUrl]);
  }

  report(
    `\nSummary (medians of ${config.rounds} rounds, reads ${config.readRounds}; ratios to each figure's baseline)`,
  );
  report(renderSummary(figures));
  report(closingLine(figures, started));
}

function compact(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}

await runBench(main);
