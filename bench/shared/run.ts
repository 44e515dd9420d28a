import { loadavg } from 'node:os';
import { status } from './progress.js';
import type { Figure } from './stats.js';

/** The machine's load average: on a shared 2-core machine, the context every figure needs. */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The last line of a bench: targets met or missed, time taken, load now. */
export function closingLine(figures: readonly Figure[], startedMs: number): string {
  const missed = figures.filter((f) => f.pass === false).length;
  return `\n${missed === 0 ? 'all targets met' : `${missed} target(s) missed`} — ${((performance.now() - startedMs) / 1000).toFixed(0)}s in all; load average now ${loadAverage()}`;
}

/**
 * Runs a bench's main: a failure sets the exit code, and should anything still
 * hold the process open 10 s after the end, it says what and leaves.
 */
export async function runBench(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
  setTimeout(() => {
    const handles =
      (process as unknown as { getActiveResourcesInfo?: () => string[] }).getActiveResourcesInfo?.() ?? [];
    status(`bench: still running 10s after the end; open resources: ${handles.join(', ')}`);
    process.exit(process.exitCode ?? 1);
  }, 10_000).unref();
}

/**
 * How many times a second `batch` runs in `seconds` on this thread; each call
 * returns how many operations it did. Yields now and then so a progress bar draws.
 */
export async function perSecondFor(
  seconds: number,
  batch: () => number,
  onProgress?: (count: number) => void,
): Promise<{ perSecond: number; count: number }> {
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    count += batch();
    onProgress?.(count);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { perSecond: count / ((performance.now() - started) / 1000), count };
}
