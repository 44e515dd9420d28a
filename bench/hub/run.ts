/**
 * bench:hub — part 1: the store matcher (Aho–Corasick, compiled once per store list) against the naive
 * `label.includes(pattern)` loop, 5,000 patterns × 100,000 labels, in interleaved rounds. Targets: identical
 * outcomes for every label, and ≥ 20× the naive loop's labels per second.
 * Part 2 of the issue (the import → match → push pipeline against store.append) is not measured yet.
 */
import { intFromEnv } from '../shared/env.js';
import { status } from '../shared/progress.js';
import { closingLine, loadAverage, runBench } from '../shared/run.js';
import { median, rate, renderSummary, type Figure } from '../shared/stats.js';
import { differences, matchedCount, matcherData, runCompiled, runNaive } from './matcher.js';

const PATTERNS = intFromEnv('BENCH_HUB_PATTERNS', 5_000);
const LABELS = intFromEnv('BENCH_HUB_LABELS', 100_000);
const ROUNDS = intFromEnv('BENCH_HUB_ROUNDS', 3);
const MIN_SPEEDUP = 20;

async function main(): Promise<void> {
  const startedMs = performance.now();
  const n = (x: number): string => x.toLocaleString('en-US');
  status(`bench:hub — matcher: ${n(PATTERNS)} patterns × ${n(LABELS)} labels, ${ROUNDS} interleaved rounds`);
  status(`  node ${process.version}; load average ${loadAverage()}`);
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
  const figures: Figure[] = [
    { name: 'naive includes loop, labels/s [baseline]', value: rate(naiveRate) },
    {
      name: 'Aho–Corasick matcher, labels/s (build included)',
      value: rate(compiledRate),
      ratio: `${speedup.toFixed(1)}×`,
      target: `≥ ${MIN_SPEEDUP}×`,
      pass: speedup >= MIN_SPEEDUP,
    },
    {
      name: `outcomes differing from the naive loop (of ${n(LABELS * ROUNDS)})`,
      value: n(mismatches),
      target: '0',
      pass: mismatches === 0,
    },
    { name: 'building the automaton once, ms (in the rate above)', value: median(builds).toFixed(0) },
    { name: 'labels matched to a store', value: n(matched) },
  ];
  status(`\nSummary (medians of ${ROUNDS} rounds; ratio to the naive loop of the same rounds)`);
  status(renderSummary(figures));
  status(closingLine(figures, startedMs));
  if (figures.some((f) => f.pass === false)) process.exitCode = 1;
}

void runBench(main);
