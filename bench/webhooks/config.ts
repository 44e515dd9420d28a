/** The webhook bench's knobs, every one overridable from the environment. */
import { intFromEnv, loopbackTargets, numberFromEnv } from '../shared/env.js';

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
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_WEBHOOKS', 'goodstream_bench_webhooks');
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
