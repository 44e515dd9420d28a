import cliProgress from 'cli-progress';

/** A progress bar on stderr, or nothing at all when stderr is not a terminal. */
export interface Bar {
  update(value: number): void;
  stop(): void;
}

const NONE: Bar = { update: () => undefined, stop: () => undefined };

export function bar(label: string, total: number): Bar {
  if (!process.stderr.isTTY) return NONE;
  const b = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(34)} [{bar}] {percentage}% | {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0);
  return { update: (value) => b.update(Math.max(0, Math.min(value, total))), stop: () => b.stop() };
}

/** A bar that fills with wall-clock time over `seconds`. */
export function timedBar(label: string, seconds: number): Bar {
  if (!process.stderr.isTTY) return NONE;
  const total = Math.round(seconds * 10);
  const inner = bar(`${label} (${seconds}s)`, total);
  const started = performance.now();
  const tick = setInterval(() => inner.update(Math.round((performance.now() - started) / 100)), 200);
  return {
    update: () => undefined,
    stop: () => {
      clearInterval(tick);
      inner.stop();
    },
  };
}

/** Status lines go to stderr so stdout holds only the results. */
export function status(message: string): void {
  process.stderr.write(`${message}\n`);
}
