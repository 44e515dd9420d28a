import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type pg from 'pg';

/** How many events a reader got, in how many seconds, and how much its process grew (MB), when known. */
export interface Read {
  readonly events: number;
  readonly seconds: number;
  readonly growthMb?: number;
}

const RAW_PAGE = `
  select seq, transaction_id::text as txid, event_id, stream_name, stream_revision, category, type, data, metadata,
    created_at
  from gs_events where (transaction_id, seq) > ($1::xid8, $2::bigint) order by transaction_id, seq limit $3`;

/** Baseline: the log by position, as fast as PostgreSQL and pg hand the rows over, pages of 5,000. */
export async function rawRead(pool: pg.Pool): Promise<Read> {
  const started = performance.now();
  let after = ['0', '0'];
  let events = 0;
  for (;;) {
    const { rows } = await pool.query<{ seq: string; txid: string }>({
      name: 'bench_replay_raw',
      text: RAW_PAGE,
      values: [...after, 5000],
    });
    if (rows.length === 0) break;
    events += rows.length;
    after = [rows.at(-1)!.txid, rows.at(-1)!.seq];
  }
  return { events, seconds: (performance.now() - started) / 1000 };
}

/** Newlines in a chunk, found by the native search: counting byte by byte in JS would be the bench's bottleneck. */
function lines(chunk: Uint8Array): number {
  let count = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) count += 1;
  return count;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

/** The whole log as NDJSON from GET /v1/events, counted line by line as it streams; the server's RSS sampled. */
export async function httpReplay(baseUrl: string, headers: Record<string, string>, serverPid: number): Promise<Read> {
  const before = rssMb(serverPid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(serverPid))), 100);
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/v1/events`, { headers: { ...headers, Accept: 'application/x-ndjson' } });
    if (response.status !== 200) throw new Error(`GET /v1/events answered ${response.status}`);
    let events = 0;
    for await (const chunk of response.body!) events += lines(chunk as Uint8Array);
    return { events, seconds: (performance.now() - started) / 1000, growthMb: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * `npm run cli -- events export` in a process of its own (as an operator runs it), its output counted by lines
 * through a pipe; /usr/bin/time reports its peak RSS. `to` bounds the export (for the small baseline run).
 */
export function cliExport(databaseUrl: string, to?: string): Promise<Read & { peakMb: number }> {
  const args = ['-f', '%M', 'node', '--import', 'tsx', 'src/cli.ts', 'events', 'export', ...(to ? ['--to', to] : [])];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let events = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      events += lines(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const peakKb = Number(stderr.trim().split('\n').at(-1));
      if (code !== 0 || !Number.isFinite(peakKb)) reject(new Error(`events export exited ${code}: ${stderr}`));
      else resolve({ events, seconds, peakMb: peakKb / 1024 });
    });
  });
}
