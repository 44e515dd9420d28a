/**
 * bench:replay — a program's million events read back three ways, in interleaved rounds: the raw read of the log by
 * position (the baseline), `events export` (the CLI, in a process of its own) and GET /v1/events as NDJSON over
 * loopback (the whole app in a child process). Targets: each ≥ 50,000 events/s and ≥ 0.25 × the raw read, and the
 * reader's memory grows < 200 MB over the million (streamed, never buffered).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServer, type ChildServer } from '../http/servers.js';
import { createProgram } from '../http/setup.js';
import { freshDatabase, dropDatabase } from '../shared/database.js';
import { intFromEnv, loopbackTargets } from '../shared/env.js';
import { status } from '../shared/progress.js';
import { closingLine, loadAverage, runBench } from '../shared/run.js';
import { median, pct, rate, renderSummary, type Figure } from '../shared/stats.js';
import { loadEvents } from './load.js';
import { cliExport, httpReplay, rawRead, type Read } from './readers.js';

const EVENTS = intFromEnv('BENCH_REPLAY_EVENTS', 1_000_000);
const ROUNDS = intFromEnv('BENCH_REPLAY_ROUNDS', 3);
const MIN_RATE = 50_000;
const MIN_RATIO = 0.25;
const MAX_GROWTH_MB = 200;

async function main(): Promise<void> {
  const startedMs = performance.now();
  const { databaseUrl, redisUrl } = loopbackTargets('BENCH_REPLAY', 'goodstream_bench_replay');
  status(`bench:replay — ${EVENTS.toLocaleString('en-US')} events of one program, ${ROUNDS} interleaved rounds`);
  status(`  node ${process.version}; load average ${loadAverage()}`);
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    ADMIN_TOKEN: adminToken,
  };
  await freshDatabase(databaseUrl);
  // A whole app creates the program (its credentials need the projector); the measured one only serves the API.
  const setup = await startServer('app', { ...env, ROLES: 'all' });
  const program = await createProgram(setup.baseUrl, adminToken).finally(() => setup.stop());
  await loadEvents(databaseUrl, program.id, EVENTS);
  let app: ChildServer | undefined;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    app = await startServer('app', { ...env, ROLES: 'api' });
    const headers = { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret };
    const first = await pool.query<{ p: string }>(
      `select lpad(to_hex(transaction_id::text::bigint), 16, '0') || '-' || lpad(to_hex(seq), 16, '0') as p
       from gs_events order by transaction_id, seq offset 999 limit 1`,
    );
    const small = await cliExport(databaseUrl, first.rows[0]!.p);
    status(`  export of ${small.events} events (its start-up, subtracted below): ${small.seconds.toFixed(2)}s`);
    const rounds: { raw: Read[]; cli: Array<Read & { peakMb: number }>; http: Read[] } = { raw: [], cli: [], http: [] };
    for (let round = 1; round <= ROUNDS; round += 1) {
      const raw = await rawRead(pool);
      const cli = await cliExport(databaseUrl);
      const http = await httpReplay(app.baseUrl, headers, app.pid);
      for (const [name, read] of [
        ['raw', raw],
        ['cli', cli],
        ['http', http],
      ] as const)
        if (read.events < EVENTS) throw new Error(`the ${name} read found ${read.events} of ${EVENTS} events`);
      rounds.raw.push(raw);
      rounds.cli.push(cli);
      rounds.http.push(http);
      status(
        `  round ${round}: raw ${rate(raw.events / raw.seconds)}/s | export ${rate((cli.events - small.events) / (cli.seconds - small.seconds))}/s ` +
          `(peak RSS ${cli.peakMb.toFixed(0)} MB) | GET /v1/events ${rate(http.events / http.seconds)}/s (server +${http.growthMb!.toFixed(0)} MB)`,
      );
    }
    const rawRate = median(rounds.raw.map((r) => r.events / r.seconds));
    const cliRate = median(rounds.cli.map((r) => (r.events - small.events) / (r.seconds - small.seconds)));
    const httpRate = median(rounds.http.map((r) => r.events / r.seconds));
    const cliGrowth = median(rounds.cli.map((r) => r.peakMb - small.peakMb));
    const httpGrowth = median(rounds.http.map((r) => r.growthMb!));
    const figures: Figure[] = [
      { name: 'raw read by position, events/s [baseline]', value: rate(rawRate) },
      {
        name: '`events export` (CLI), events/s',
        value: rate(cliRate),
        ratio: pct(cliRate / rawRate),
        target: `≥ ${rate(MIN_RATE)}, ≥ ${pct(MIN_RATIO)}`,
        pass: cliRate >= MIN_RATE && cliRate / rawRate >= MIN_RATIO,
      },
      {
        name: '`events export`, peak RSS over a 1,000-event export, MB',
        value: cliGrowth.toFixed(0),
        target: `< ${MAX_GROWTH_MB}`,
        pass: cliGrowth < MAX_GROWTH_MB,
      },
      {
        name: 'GET /v1/events NDJSON over loopback, events/s',
        value: rate(httpRate),
        ratio: pct(httpRate / rawRate),
        target: `≥ ${rate(MIN_RATE)}, ≥ ${pct(MIN_RATIO)}`,
        pass: httpRate >= MIN_RATE && httpRate / rawRate >= MIN_RATIO,
      },
      {
        name: 'GET /v1/events, server RSS growth, MB',
        value: httpGrowth.toFixed(0),
        target: `< ${MAX_GROWTH_MB}`,
        pass: httpGrowth < MAX_GROWTH_MB,
      },
    ];
    status(`\nSummary (medians of ${ROUNDS} rounds; ratios to the raw read of the same rounds)`);
    status(renderSummary(figures));
    status(closingLine(figures, startedMs));
    if (figures.some((f) => f.pass === false)) process.exitCode = 1;
  } finally {
    await pool.end();
    await app?.stop();
    if (process.env.BENCH_KEEP_DATABASES !== '1') await dropDatabase(databaseUrl);
  }
}

void runBench(main);
