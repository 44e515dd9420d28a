/** The bench's knobs, every one overridable from the environment. */
import { benchDatabaseUrl, intFromEnv, numberFromEnv } from '../shared/env.js';

export interface BenchConfig {
  /** The bench's own database, dropped and recreated at start: appends, the large log, projections. */
  readonly databaseUrl: string;
  /** Its sibling (name + "_small"), with the small log, so reads at both sizes run in the same rounds. */
  readonly smallDatabaseUrl: string;
  readonly rounds: number;
  /** Reads are the noisiest figures and the cheapest rounds: more of them. */
  readonly readRounds: number;
  readonly roundSeconds: number;
  readonly warmupSeconds: number;
  readonly concurrency: number;
  /** Events per append in the batched-append figure. */
  readonly appendBatch: number;
  readonly small: number;
  readonly large: number;
  /** Events read per slice (once from the start, once from the middle). */
  readonly readSlice: number;
  readonly readPage: number;
  /** Events each projection run catches up on (the newest ones of the large log). */
  readonly projectionEvents: number;
  /** The same for the per-event projection, which is an order of magnitude slower. */
  readonly perEventEvents: number;
  readonly projectionBatch: number;
  /** Rows per bulk-load statement. */
  readonly loadChunk: number;
}

export function loadConfig(): BenchConfig {
  const databaseUrl = benchDatabaseUrl('BENCH_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/goodstream_bench');
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const small = intFromEnv('BENCH_SMALL', 100_000, 1000);
  const large = intFromEnv('BENCH_LARGE', 1_000_000, 1000);
  if (large <= small) throw new RangeError(`BENCH_LARGE (${large}) must exceed BENCH_SMALL (${small})`);
  const readSlice = Math.min(intFromEnv('BENCH_READ_SLICE', 20_000, 1000), Math.floor(small / 2));
  const projectionEvents = Math.min(intFromEnv('BENCH_PROJECTION_EVENTS', 50_000, 1000), large);
  const smallUrl = new URL(databaseUrl);
  smallUrl.pathname = `/${name}_small`;
  return {
    databaseUrl,
    smallDatabaseUrl: smallUrl.toString(),
    rounds: intFromEnv('BENCH_ROUNDS', 5, 3),
    readRounds: intFromEnv('BENCH_READ_ROUNDS', 9, 3),
    roundSeconds: numberFromEnv('BENCH_ROUND_SECONDS', 3),
    warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 1),
    concurrency: intFromEnv('BENCH_CONCURRENCY', 8, 1),
    appendBatch: intFromEnv('BENCH_APPEND_BATCH', 100, 2),
    small,
    large,
    readSlice,
    readPage: intFromEnv('BENCH_READ_PAGE', 1000, 1),
    projectionEvents,
    perEventEvents: Math.min(intFromEnv('BENCH_PROJECTION_PER_EVENT', 10_000, 100), projectionEvents),
    projectionBatch: intFromEnv('BENCH_PROJECTION_BATCH', 2000, 1),
    loadChunk: intFromEnv('BENCH_LOAD_CHUNK', 50_000, 1000),
  };
}

export function describeConfig(c: BenchConfig): string {
  const db = new URL(c.databaseUrl);
  return [
    `databases ${db.host}${db.pathname} and ${new URL(c.smallDatabaseUrl).pathname} (dropped and recreated)`,
    `${c.rounds} rounds × ${c.roundSeconds}s (warm-up ${c.warmupSeconds}s), ${c.concurrency} concurrent clients, batches of ${c.appendBatch}`,
    `reads: ${c.readRounds} rounds of ${c.readSlice.toLocaleString('en-US')} events from the start + from the middle, pages of ${c.readPage}, at ${c.small.toLocaleString('en-US')} and ${c.large.toLocaleString('en-US')} events`,
    `projection: the newest ${c.projectionEvents.toLocaleString('en-US')} events (per-event apply: ${c.perEventEvents.toLocaleString('en-US')}), batchSize ${c.projectionBatch}`,
  ].join('\n  ');
}
