/** The HTTP bench's knobs, every one overridable from the environment. */
import { intFromEnv, loopbackTargets, numberFromEnv } from '../shared/env.js';

export interface HttpBenchConfig {
  /** The app's own database, dropped and recreated at start, dropped at the end. */
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Interleaved rounds: bare, GET, bare at the PATCH rate, PATCH in each. */
  readonly rounds: number;
  /** Seconds of each throughput round (bare and GET). */
  readonly roundSeconds: number;
  /** Seconds of each fixed-rate round (bare and PATCH). */
  readonly rateSeconds: number;
  readonly warmupSeconds: number;
  /** Connections of the throughput rounds. */
  readonly connections: number;
  /**
   * Requests per second of the fixed-rate rounds, over all their connections.
   * autocannon gives each connection rate/connections requests a second, sent
   * back to back from the start of each second: few connections (about rate ×
   * latency) spread them over the second instead of bursting them together.
   */
  readonly patchRate: number;
  readonly patchConnections: number;
  /** Members registered and signed in; PATCHes go round them. */
  readonly members: number;
  /** Hashing: rounds of each, seconds each, scrypt calls in flight. */
  readonly hashRounds: number;
  readonly hashSeconds: number;
  readonly hashConcurrency: number;
}

export function loadConfig(): HttpBenchConfig {
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_HTTP', 'goodstream_bench_http');
  const connections = intFromEnv('BENCH_HTTP_CONNECTIONS', 10);
  return {
    databaseUrl,
    redisUrl,
    rounds: intFromEnv('BENCH_HTTP_ROUNDS', 5, 3),
    roundSeconds: numberFromEnv('BENCH_HTTP_ROUND_SECONDS', 4),
    rateSeconds: numberFromEnv('BENCH_HTTP_RATE_SECONDS', 5),
    warmupSeconds: numberFromEnv('BENCH_HTTP_WARMUP_SECONDS', 2),
    connections,
    patchRate: intFromEnv('BENCH_HTTP_PATCH_RATE', 200),
    patchConnections: intFromEnv('BENCH_HTTP_PATCH_CONNECTIONS', 5),
    members: intFromEnv('BENCH_HTTP_MEMBERS', 40),
    hashRounds: intFromEnv('BENCH_HTTP_HASH_ROUNDS', 3, 3),
    hashSeconds: numberFromEnv('BENCH_HTTP_HASH_SECONDS', 2),
    hashConcurrency: intFromEnv('BENCH_HTTP_HASH_CONCURRENCY', 2),
  };
}

export function describeConfig(c: HttpBenchConfig): string {
  const db = new URL(c.databaseUrl);
  return [
    `app database ${db.host}${db.pathname} (dropped and recreated, dropped at the end), redis ${new URL(c.redisUrl).host}`,
    `${c.rounds} interleaved rounds: bare and GET ${c.roundSeconds}s at ${c.connections} connections; bare and PATCH ${c.rateSeconds}s at ${c.patchRate} req/s over ${c.patchConnections} connections (warm-up ${c.warmupSeconds}s)`,
    `PATCHes go round ${c.members} members; hashing: ${c.hashRounds} rounds × ${c.hashSeconds}s, scrypt ${c.hashConcurrency} in flight`,
  ].join('\n  ');
}
