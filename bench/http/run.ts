import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { status } from '../shared/progress.js';
import { median, ms, pct, rate, renderSummary, type Figure } from '../shared/stats.js';
import { describeConfig, loadConfig } from './config.js';
import { scryptRound, sha256Round, type HashRound } from './hashing.js';
import { fixedRateGet, fixedRatePatch, throughput, type Round } from './load.js';
import { watchOtherTransactions, type Interference } from './monitor.js';
import { startServer, type ChildServer } from './servers.js';
import { dropDatabase, freshDatabase } from '../shared/database.js';
import { checkMemberRead, createMembers, createProgram, neutraliseRateLimit } from './setup.js';
import { closingLine, loadAverage, runBench } from '../shared/run.js';

const report = (line: string): void => console.log(line);

/** The machine is shared: its load, before and after, tells how far to trust a run. */

/** A transaction in another database open this long shows in the PATCH latencies (see monitor.ts). */
const DISTURBING_SECONDS = 0.05;

const describe = (r: Round): string =>
  `${rate(r.perSecond)}/s p50 ${ms(r.p50)} p99 ${ms(r.p99)} max ${ms(r.max)}` +
  (r.failed > 0 || r.stale > 0 ? ` [${r.statusCodes}, failed ${r.failed}, stale ${r.stale}]` : '');

async function main(): Promise<void> {
  const config = loadConfig();
  const started = performance.now();
  report(
    `goodstream HTTP bench — ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} CPUs, load average ${loadAverage()}`,
  );
  report(`  ${describeConfig(config)}`);
  report(
    '  servers in child processes (bare express 5; the whole app through start()), autocannon in this one, all on 127.0.0.1',
  );

  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent' };
  const appEnv = {
    ...env,
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    ADMIN_TOKEN: adminToken,
    ROLES: 'all',
  };
  await freshDatabase(config.databaseUrl);
  const servers: ChildServer[] = [];
  let restoreRateLimit: (() => Promise<void>) | undefined;
  const figures: Figure[] = [];
  try {
    const launched = await Promise.allSettled([startServer('bare', env), startServer('app', appEnv)]);
    for (const s of launched) if (s.status === 'fulfilled') servers.push(s.value);
    const failure = launched.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    const [bare, app] = servers as [ChildServer, ChildServer];
    const program = await createProgram(app.baseUrl, adminToken);
    const perRound = 3 * config.roundSeconds + 2 * config.rateSeconds;
    const minutes = Math.ceil(((config.rounds + 1) * perRound + 180) / 60);
    restoreRateLimit = await neutraliseRateLimit(config.redisUrl, program.id, minutes);
    const setupStarted = performance.now();
    const members = await createMembers(app.baseUrl, program, config.members);
    const target = members[0]!;
    await checkMemberRead(app.baseUrl, program, target.id);
    status(
      `  program ${program.id}, ${members.length} members registered and signed in in ${((performance.now() - setupStarted) / 1000).toFixed(1)}s`,
    );

    const interference: Interference[] = [];
    const watched = async (run: () => Promise<Round>): Promise<Round> => {
      const watch = await watchOtherTransactions(config.databaseUrl);
      try {
        return await run();
      } finally {
        interference.push(await watch.stop());
      }
    };
    const bareUrl = `${bare.baseUrl}/bare`;
    const getUrl = `${app.baseUrl}/v1/members/${target.id}`;
    const programHeaders = { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret };
    const subjects = [
      {
        key: 'bare',
        label: 'bare GET /bare',
        run: (label: string, s: number) => throughput(label, bareUrl, {}, s, config.connections),
      },
      {
        key: 'info',
        label: 'app GET /info',
        run: (label: string, s: number) => throughput(label, `${app.baseUrl}/info`, {}, s, config.connections),
      },
      {
        key: 'get',
        label: 'GET /v1/members/:id',
        run: (label: string, s: number) => throughput(label, getUrl, programHeaders, s, config.connections),
      },
      {
        key: 'bareRate',
        label: `bare @${config.patchRate}/s`,
        run: (label: string, s: number) => fixedRateGet(label, bareUrl, s, config.patchRate, config.patchConnections),
      },
      {
        key: 'patch',
        label: `PATCH @${config.patchRate}/s`,
        run: (label: string, s: number) =>
          watched(() => fixedRatePatch(label, app.baseUrl, members, s, config.patchRate, config.patchConnections)),
      },
    ] as const;
    const seconds = (key: string): number =>
      key === 'bare' || key === 'info' || key === 'get' ? config.roundSeconds : config.rateSeconds;

    report(
      `\n1-3. Interleaved rounds: bare and GET at ${config.connections} connections; bare and PATCH at ${config.patchRate} req/s over ${config.patchConnections} connections`,
    );
    for (const s of subjects) await s.run(`warm-up ${s.label}`, config.warmupSeconds);
    const rounds: Record<(typeof subjects)[number]['key'], Round[]> = {
      bare: [],
      info: [],
      get: [],
      bareRate: [],
      patch: [],
    };
    for (let round = 1; round <= config.rounds; round++) {
      const cells: string[] = [];
      for (const s of subjects) {
        const r = await s.run(`round ${round}/${config.rounds} ${s.label}`, seconds(s.key));
        rounds[s.key].push(r);
        const other = s.key === 'patch' ? interference.at(-1) : undefined;
        const disturbed =
          other && other.seconds >= DISTURBING_SECONDS
            ? ` [a transaction in database ${other.database ?? '?'} held the horizon up to ${other.seconds.toFixed(2)} s]`
            : '';
        cells.push(`${s.label} ${describe(r)}${disturbed}`);
      }
      report(`  round ${round}: ${cells.slice(0, 3).join(' | ')}`);
      report(`           ${cells.slice(3).join(' | ')}`);
    }
    const m = (key: keyof typeof rounds, pick: (r: Round) => number): number => median(rounds[key].map(pick));
    const bareRps = m('bare', (r) => r.perSecond);
    const infoRps = m('info', (r) => r.perSecond);
    const getRps = m('get', (r) => r.perSecond);
    const paired = median(rounds.get.map((r, i) => r.perSecond / rounds.bare[i]!.perSecond));
    const patchP99 = m('patch', (r) => r.p99);
    const patchRate = m('patch', (r) => r.perSecond);
    const failed = Object.values(rounds)
      .flat()
      .reduce((n, r) => n + r.failed, 0);
    const patched = rounds.patch.reduce((n, r) => n + r.ok, 0);
    const stale = rounds.patch.reduce((n, r) => n + r.stale, 0);
    report(
      `  median: bare ${rate(bareRps)} req/s | app GET /info ${rate(infoRps)} req/s = ${pct(infoRps / bareRps)} | GET /v1/members/:id ${rate(getRps)} req/s = ${pct(getRps / bareRps)} (paired ${pct(paired)}) | ` +
        `PATCH ${rate(patchRate)} req/s p50 ${ms(m('patch', (r) => r.p50))} p99 ${ms(patchP99)} (bare at the same rate p99 ${ms(m('bareRate', (r) => r.p99))})`,
    );
    // The warm-up's PATCH is watched too: only the rounds count.
    const disturbed = interference.slice(-config.rounds).filter((i) => i.seconds >= DISTURBING_SECONDS).length;
    report(
      `  answers not 2xx (all rounds): ${failed}; PATCH answers not showing the write just made: ${stale} of ${patched}`,
    );
    report(
      `  PATCH rounds during which another database held an xid ≥ ${DISTURBING_SECONDS * 1000} ms (it holds back the projections' horizon): ${disturbed} of ${config.rounds}`,
    );
    figures.push(
      { name: `(1) bare express GET /bare, req/s @${config.connections} conn [baseline]`, value: rate(bareRps) },
      {
        name: '(1) bare express, p50 / p99 latency',
        value: `${ms(m('bare', (r) => r.p50))} / ${ms(m('bare', (r) => r.p99))}`,
      },
      {
        name: '(2) ref: app GET /info (middleware, no I/O), req/s',
        value: rate(infoRps),
        ratio: pct(infoRps / bareRps),
      },
      {
        name: `(2) GET /v1/members/:id (key+secret), req/s @${config.connections} conn`,
        value: rate(getRps),
        ratio: pct(getRps / bareRps),
        target: '≥ 50%',
        pass: getRps / bareRps >= 0.5,
      },
      {
        name: '(2) GET /v1/members/:id, p50 / p99 latency',
        value: `${ms(m('get', (r) => r.p50))} / ${ms(m('get', (r) => r.p99))}`,
      },
      {
        name: `(3) ref: bare GET @${config.patchRate}/s, p50 / p99 [baseline]`,
        value: `${ms(m('bareRate', (r) => r.p50))} / ${ms(m('bareRate', (r) => r.p99))}`,
      },
      {
        name: `(3) PATCH /v1/members/:id @${config.patchRate}/s, achieved req/s`,
        value: rate(patchRate),
        ratio: pct(patchRate / config.patchRate),
      },
      { name: '(3) PATCH, p50 latency (answer after projection)', value: ms(m('patch', (r) => r.p50)) },
      {
        name: '(3) PATCH, p99 latency (answer after projection)',
        value: ms(patchP99),
        target: '< 50 ms',
        pass: patchP99 < 50,
      },
      { name: `(3) PATCH rounds disturbed by other databases' transactions`, value: `${disturbed} / ${config.rounds}` },
      {
        name: '(3) PATCH answers showing the write, all 2xx',
        value: `${rate(patched - stale)} / ${rate(patched)}`,
        target: 'all',
        pass: stale === 0 && failed === 0,
      },
    );

    report(
      `\n4. Password hashing apart: SHA-256 (1 thread) vs scrypt via hashPassword (${config.hashConcurrency} in flight), interleaved`,
    );
    const sha: HashRound[] = [];
    const scrypt: HashRound[] = [];
    for (let round = 1; round <= config.hashRounds; round++) {
      sha.push(await sha256Round(`round ${round}/${config.hashRounds} SHA-256`, config.hashSeconds));
      scrypt.push(
        await scryptRound(`round ${round}/${config.hashRounds} scrypt`, config.hashSeconds, config.hashConcurrency),
      );
      report(
        `  round ${round}: SHA-256 ${rate(sha.at(-1)!.perSecond)}/s | scrypt ${scrypt.at(-1)!.perSecond.toFixed(1)}/s`,
      );
    }
    const shaRate = median(sha.map((h) => h.perSecond));
    const scryptRate = median(scrypt.map((h) => h.perSecond));
    report(
      `  median: SHA-256 ${rate(shaRate)}/s (${((1e6 / shaRate) * 1000).toFixed(0)} ns each) | scrypt ${scryptRate.toFixed(1)}/s ` +
        `(${ms((1000 * config.hashConcurrency) / scryptRate)} each) = 1/${rate(shaRate / scryptRate)} of SHA-256, ${pct(scryptRate / getRps)} of the GET's req/s`,
    );
    figures.push(
      { name: '(4) SHA-256 digests/s, 1 thread [baseline]', value: rate(shaRate) },
      {
        name: `(4) scrypt hashPassword/s, ${config.hashConcurrency} in flight`,
        value: scryptRate.toFixed(1),
        ratio: `1/${rate(shaRate / scryptRate)}`,
      },
      { name: '(4) scrypt/s ÷ GET /v1/members/:id req/s', value: '', ratio: pct(scryptRate / getRps) },
    );
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await restoreRateLimit?.();
    if (process.env.BENCH_KEEP_DATABASES !== '1') await dropDatabase(config.databaseUrl);
  }

  report(
    `\nSummary (medians of ${config.rounds} rounds, hashing ${config.hashRounds}; ratios to each figure's baseline)`,
  );
  report(renderSummary(figures));
  report(closingLine(figures, started));
}

await runBench(main);
