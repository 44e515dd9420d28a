import autocannon, { type Options, type Request, type Result } from 'autocannon';
import { timedBar } from '../shared/progress.js';
import { percentile } from '../shared/stats.js';
import type { Member } from './setup.js';

/** What one autocannon run measured. */
export interface Round {
  /** 2xx answers per second of the run. */
  readonly perSecond: number;
  readonly sent: number;
  readonly ok: number;
  /** Non-2xx answers, connection errors and timeouts: any of them spoils the round. */
  readonly failed: number;
  readonly statusCodes: string;
  /** Latency percentiles (ms), corrected for coordinated omission when a rate is set. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Answers whose body did not show the write (PATCH only). */
  readonly stale: number;
}

interface Run {
  readonly result: Result;
  /** Every 2xx answer's latency (ms), from the request written to the answer read. */
  readonly latencies: number[];
}

function toRound({ result: r, latencies }: Run, stale = 0): Round {
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${s.count ?? 0}`)
    .join(' ');
  return {
    perSecond: r['2xx'] / r.duration,
    sent: r.requests.sent,
    ok: r['2xx'],
    failed: r.non2xx + r.errors + r.timeouts,
    statusCodes: codes,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.length === 0 ? Number.NaN : latencies.reduce((a, b) => Math.max(a, b)),
    stale,
  };
}

/**
 * One autocannon run. Latencies are taken from its `response` events rather
 * than its histogram: with a rate set, autocannon "corrects" each latency with
 * an expected interval of ceil(1 / per-connection rate) = 1 ms, adding a
 * synthetic sample for every millisecond of every answer, which skews its
 * percentiles.
 */
function run(label: string, seconds: number, options: Options): Promise<Run> {
  const progress = timedBar(label, seconds);
  const latencies: number[] = [];
  const rated = options.overallRate !== undefined || options.connectionRate !== undefined;
  return new Promise<Run>((resolve, reject) => {
    const instance = autocannon(
      { duration: seconds, timeout: 10, ...(rated ? { ignoreCoordinatedOmission: true } : {}), ...options },
      (error: unknown, result) => {
        if (error) reject(error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`));
        else resolve({ result, latencies });
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  }).finally(() => progress.stop());
}

/** As many GETs as `connections` connections carry in `seconds`, one in flight on each. */
export async function throughput(
  label: string,
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections: number,
): Promise<Round> {
  return toRound(await run(label, seconds, { url, headers, connections, method: 'GET' }));
}

/** GETs at a fixed `rate` per second: the loopback and client floor for the PATCH latencies. */
export async function fixedRateGet(
  label: string,
  url: string,
  seconds: number,
  rate: number,
  connections: number,
): Promise<Round> {
  return toRound(await run(label, seconds, { url, connections, overallRate: rate, method: 'GET' }));
}

/**
 * PATCH /v1/members/:id at a fixed `rate` per second, going round the members,
 * each with a new city so every one appends an event. The app answers after the
 * members projection has applied it: an answer whose body does not carry the
 * city just sent counts as stale.
 */
export async function fixedRatePatch(
  label: string,
  baseUrl: string,
  members: readonly Member[],
  seconds: number,
  rate: number,
  connections: number,
): Promise<Round> {
  let next = 0;
  let stale = 0;
  const requests: Request[] = [
    {
      method: 'PATCH',
      setupRequest: (request, context) => {
        const n = next++;
        const member = members[n % members.length]!;
        const city = `Bordeaux ${n}`;
        (context as { city?: string }).city = city;
        return {
          ...request,
          method: 'PATCH',
          path: `/v1/members/${member.id}`,
          headers: { ...member.headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ user: { city } }),
        };
      },
      onResponse: (status, body, context) => {
        if (status !== 200) return;
        const sent = (context as { city?: string }).city;
        const answered = (JSON.parse(body) as { data?: { city?: string } }).data?.city;
        if (answered !== sent) stale++;
      },
    },
  ];
  const result = await run(label, seconds, { url: baseUrl, connections, overallRate: rate, requests });
  return toRound(result, stale);
}
