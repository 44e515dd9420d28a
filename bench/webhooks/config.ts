/** The webhook bench's knobs, every one overridable from the environment. */
import { intFromEnv, numberFromEnv } from '../shared/env.js';

export interface WebhookBenchConfig {
  /** The app's own database, dropped and recreated at start, dropped at the end. */
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Interleaved rounds: signing baseline, then delivery, in each. */
  readonly rounds: number;
  /** Seconds of each signing round. */
  readonly signSeconds: number;
  /** Events appended (= deliveries expected) in each delivery round. */
  readonly events: number;
  /** Events of the warm-up round, not counted. */
  readonly warmupEvents: number;
  /** Appends in flight at once, each its own stream. */
  readonly appendConcurrency: number;
  /** WEBHOOK_CONCURRENCY: attempts in flight in the worker. */
  readonly workerConcurrency: number;
  /** POLL_INTERVAL_MS of the projection runner, which runs the dispatcher. */
  readonly pollMs: number;
  /** DATABASE_POOL_MAX of the app: the worker's attempts each need a connection, twice. */
  readonly poolMax: number;
  /** A delivery round that has not received everything by then fails the run. */
  readonly roundTimeoutSeconds: number;
}

export function loadConfig(): WebhookBenchConfig {
  const databaseUrl = process.env.BENCH_WEBHOOKS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/goodstream_bench_webhooks';
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  // The bench drops this database: refuse anything that does not say it is a bench's.
  if (!/^[A-Za-z0-9_]*bench[A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`BENCH_WEBHOOKS_DATABASE_URL names database "${name}": it is dropped, so its name must contain "bench"`);
  }
  const redisUrl = process.env.BENCH_WEBHOOKS_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  for (const [what, address] of [['database', url.hostname], ['redis', new URL(redisUrl).hostname]] as const) {
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(address)) throw new Error(`the ${what} must be on loopback, got ${address}`);
  }
  return {
    databaseUrl,
    redisUrl,
    rounds: intFromEnv('BENCH_WEBHOOKS_ROUNDS', 3, 3),
    signSeconds: numberFromEnv('BENCH_WEBHOOKS_SIGN_SECONDS', 2),
    events: intFromEnv('BENCH_WEBHOOKS_EVENTS', 2000, 10),
    warmupEvents: intFromEnv('BENCH_WEBHOOKS_WARMUP_EVENTS', 200, 1),
    appendConcurrency: intFromEnv('BENCH_WEBHOOKS_APPEND_CONCURRENCY', 8),
    workerConcurrency: intFromEnv('BENCH_WEBHOOKS_CONCURRENCY', 50),
    pollMs: intFromEnv('BENCH_WEBHOOKS_POLL_MS', 50, 10),
    poolMax: intFromEnv('BENCH_WEBHOOKS_POOL_MAX', 25, 2),
    roundTimeoutSeconds: numberFromEnv('BENCH_WEBHOOKS_ROUND_TIMEOUT_SECONDS', 180),
  };
}

export function describeConfig(c: WebhookBenchConfig): string {
  const db = new URL(c.databaseUrl);
  return [
    `app database ${db.host}${db.pathname} (dropped and recreated, dropped at the end), redis ${new URL(c.redisUrl).host}`,
    `${c.rounds} interleaved rounds: RSA-2048 signing ${c.signSeconds}s (1 thread), then ${c.events.toLocaleString('en-US')} events → 1 subscription (warm-up ${c.warmupEvents})`,
    `appends ${c.appendConcurrency} in flight; WEBHOOK_CONCURRENCY ${c.workerConcurrency}, DATABASE_POOL_MAX ${c.poolMax}, POLL_INTERVAL_MS ${c.pollMs}; app, receiver and bench in this one process`,
  ].join('\n  ');
}
