/**
 * `npm run bench:webhooks`: signed webhook deliveries, event append → loopback
 * receiver, against the rate at which this machine makes the RSA-2048
 * signature each attempt needs, in interleaved rounds (signing, delivery, …),
 * each figure the median of its rounds and a ratio to its baseline.
 * Knobs: see config.ts (BENCH_WEBHOOKS_EVENTS, BENCH_WEBHOOKS_ROUNDS, …).
 */
import { availableParallelism } from 'node:os';
import { status } from '../shared/progress.js';
import { median, ms, pct, rate, renderSummary, type Figure } from '../shared/stats.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { dropQueueKeys, startBenchApp, type BenchApp } from './app.js';
import { describeConfig, loadConfig } from './config.js';
import { appendEvents, deliveryRound, timeDispatcher, type DeliveryRound } from './delivery.js';
import { measureHalves, type PoolSample } from './diagnose.js';
import { startReceiver, type Receiver } from './receiver.js';
import { newRsaKey, signRound, typicalSignedString, type SignRound } from './signing.js';
import { closingLine, loadAverage, runBench } from '../shared/run.js';

const report = (line: string): void => console.log(line);

/** The machine is shared: its load, before and after, tells how far to trust a run. */

const describe = (r: DeliveryRound): string =>
  `${rate(r.perSecond)} deliveries/s in ${r.seconds.toFixed(2)}s (appends ${rate(r.appendPerSecond)}/s), latency p50 ${ms(r.p50)} p99 ${ms(r.p99)} max ${ms(r.max)}, ` +
  `thread busy ${pct(r.elu)}, CPU ${r.cores.toFixed(2)} cores, ${describePool(r.pool)}` +
  (r.duplicates > 0 || r.strays > 0 || r.unsigned > 0
    ? ` [duplicates ${r.duplicates}, strays ${r.strays}, unsigned ${r.unsigned}]`
    : '');

const describePool = (p: PoolSample): string =>
  `knex pool ${p.meanUsed.toFixed(1)}/${p.max} in use, queries waiting for a connection ${pct(p.saturated)} of the time (mean ${p.meanWaiting.toFixed(1)}, max ${p.maxWaiting})`;

async function main(): Promise<void> {
  const config = loadConfig();
  const started = performance.now();
  report(
    `goodstream webhook bench — ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}`,
  );
  report(`  ${describeConfig(config)}`);

  const key = newRsaKey();
  const figures: Figure[] = [];
  await freshDatabase(config.databaseUrl);
  let receiver: Receiver | undefined;
  let app: BenchApp | undefined;
  try {
    receiver = await startReceiver();
    app = await startBenchApp(config, receiver.url);
    const text = typicalSignedString(receiver.url);
    report(
      `  signed string of a delivery: ${Buffer.byteLength(text)} bytes (Expires-at|url|body|); program ${app.program.id}, subscription ${app.subscriptionId}`,
    );
    const dispatch = timeDispatcher(app.running.webhooks.dispatcher);
    const timeoutMs = config.roundTimeoutSeconds * 1000;
    const deliver = (label: string, events: number): Promise<DeliveryRound> =>
      deliveryRound(label, app!.running, app!.program.id, receiver!, dispatch, {
        events,
        appendConcurrency: config.appendConcurrency,
        timeoutMs,
      });

    report(
      `\n1-2. Interleaved rounds: RSA-2048 signatures (1 thread) | ${config.events.toLocaleString('en-US')} events appended → signed deliveries received`,
    );
    await signRound('warm-up signing', key, text, Math.min(1, config.signSeconds));
    const warm = await deliver('warm-up delivery', config.warmupEvents);
    status(`  warm-up: ${describe(warm)}`);
    const signs: SignRound[] = [];
    const rounds: DeliveryRound[] = [];
    for (let round = 1; round <= config.rounds; round++) {
      signs.push(await signRound(`round ${round}/${config.rounds} signing`, key, text, config.signSeconds));
      rounds.push(await deliver(`round ${round}/${config.rounds} delivery`, config.events));
      const r = rounds.at(-1)!;
      report(`  round ${round}: signing ${rate(signs.at(-1)!.perSecond)}/s | ${describe(r)}`);
      report(
        `           stages (medians): event → delivery row ${ms(r.stages.toDeliveryRow)}, row → attempt start ${ms(r.stages.toAttempt)}, HTTP ${ms(r.stages.http)}; ` +
          `dispatcher apply ${ms(r.dispatchApplyMs / r.events)}/event, afterCommit ${ms(r.dispatchAfterCommitMs)} in all; ${r.queries.toFixed(1)} SQL statements/delivery`,
      );
    }
    const m = (pick: (r: DeliveryRound) => number): number => median(rounds.map(pick));
    const signRate = median(signs.map((s) => s.perSecond));
    const deliveries = m((r) => r.perSecond);
    const paired = median(rounds.map((r, i) => r.perSecond / signs[i]!.perSecond));
    const p50 = m((r) => r.p50);
    const p99 = m((r) => r.p99);
    // What signing alone takes of the one thread, at the rate the deliveries went.
    const signShare = deliveries / signRate;
    const duplicates = rounds.reduce((n, r) => n + r.duplicates, 0);
    const strays = rounds.reduce((n, r) => n + r.strays, 0);
    const unsigned = rounds.reduce((n, r) => n + r.unsigned, 0);
    const applyPerEvent = m((r) => r.dispatchApplyMs / r.events);
    report(
      `  median: signing ${rate(signRate)}/s (${ms(1000 / signRate)} each) | deliveries ${rate(deliveries)}/s = ${pct(deliveries / signRate)} (paired ${pct(paired)}) | ` +
        `appends ${rate(m((r) => r.appendPerSecond))}/s | latency p50 ${ms(p50)} p99 ${ms(p99)}`,
    );
    report(
      `  the app's thread was busy ${pct(m((r) => r.elu))} of the delivery rounds (CPU ${m((r) => r.cores).toFixed(2)} cores for the process); ` +
        `signing alone would take ${pct(signShare)} of it at that rate; dispatcher apply ${ms(applyPerEvent)}/event`,
    );
    report(
      `  receipts: duplicates ${duplicates}, unexpected ${strays}, without a Signature header ${unsigned} (all rounds)`,
    );
    figures.push(
      { name: '(1) RSA-2048 sign(sha256) of a delivery, 1 thread, /s [baseline]', value: rate(signRate) },
      {
        name: `(2) deliveries/s, append → loopback receiver, signed`,
        value: rate(deliveries),
        ratio: pct(deliveries / signRate),
        target: '≥ 40%',
        pass: deliveries / signRate >= 0.4,
      },
      { name: '(2) same, paired with its round of signing', value: '', ratio: pct(paired) },
      { name: '(2) append → receipt latency, p50', value: ms(p50) },
      { name: '(2) append → receipt latency, p99', value: ms(p99) },
      { name: '(2) ref: events appended/s during the rounds', value: rate(m((r) => r.appendPerSecond)) },
      { name: `(2) ref: app thread busy / of it signing`, value: pct(m((r) => r.elu)), ratio: pct(signShare) },
      {
        name: '(2) every delivery received once, signed',
        value: `${duplicates + strays + unsigned} off`,
        target: 'none off',
        pass: duplicates + strays + unsigned === 0,
      },
    );

    report(
      `\n3. Where the time goes (once, after the rounds): the dispatcher alone (worker stopped), then the worker alone draining what it queued, ${config.events.toLocaleString('en-US')} events`,
    );
    const running = app.running;
    const halves = await measureHalves(
      running,
      () =>
        appendEvents(running, app!.program.id, config.events, config.appendConcurrency, (ids) => receiver!.expect(ids)),
      timeoutMs,
    );
    report(
      `  dispatcher alone: ${rate(halves.dispatchPerSecond)} events/s → delivery rows + jobs (${halves.dispatchQueries.toFixed(1)} SQL statements/event) | ` +
        `worker alone (${halves.drainQueries.toFixed(1)} statements/delivery): ${rate(halves.drainPerSecond)} deliveries/s = ${pct(halves.drainPerSecond / signRate)} of signing; ` +
        describePool(halves.drainPool),
    );
    figures.push(
      {
        name: '(3) ref: dispatcher alone, events → rows + jobs /s',
        value: rate(halves.dispatchPerSecond),
        ratio: pct(halves.dispatchPerSecond / signRate),
      },
      {
        name: `(3) ref: worker alone (concurrency ${config.workerConcurrency}), deliveries/s`,
        value: rate(halves.drainPerSecond),
        ratio: pct(halves.drainPerSecond / signRate),
      },
    );
  } finally {
    if (app) {
      // The worker first, so nothing remakes the queue's keys once they are gone.
      await app.running.webhooks.stopWorker();
      const removed = await dropQueueKeys(app.running, app.queuePrefix).catch(
        (error: Error) => (status(`  could not remove the queue's keys: ${error.message}`), 0),
      );
      status(`  removed ${removed} Redis keys under ${app.queuePrefix}:`);
      await app.running.stop();
    }
    await receiver?.close();
    if (process.env.BENCH_KEEP_DATABASES !== '1') await dropDatabase(config.databaseUrl);
  }

  report(`\nSummary (medians of ${config.rounds} rounds; ratios to the signing baseline)`);
  report(renderSummary(figures));
  report(closingLine(figures, started));
}

await runBench(main);
