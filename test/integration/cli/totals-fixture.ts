import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { createContext } from '../../../src/cli/context.js';
import { runCli as runInProcess } from '../../../src/cli/dispatch.js';
import { projectionsCommands } from '../../../src/cli/projections.js';
import type { Projection } from '../../../src/projections/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv } from './cli-process.js';

export interface StatusRow {
  name: string;
  version: number | null;
  codeVersion: number | null;
  position: string | null;
  eventsApplied: number;
  status: string;
  lastError: string | null;
  updatedAt: string | null;
  lockHolder: string | null;
}

export const TABLE = 'cli_totals';
export const VALUES = 40;

type Totals = Array<{ stream: string; total: string; count: number }>;

/** Totals per stream of "Added" values; `onApply` sees each value first and may throw. */
export function totals(table: string, onApply: (value: number) => void = () => undefined): Projection {
  return {
    name: table,
    version: 1,
    eventTypes: ['Added'],
    tables: [table],
    async apply(trx, event) {
      const value = Number(event.data.value);
      onApply(value);
      await trx.raw(
        `insert into ?? (stream, total, count) values (?, ?, 1)
         on conflict (stream) do update set total = excluded.total + ??.total, count = ??.count + 1`,
        [table, event.streamName, value, table, table],
      );
    },
  };
}

/** What the table holds once values 1..upTo are applied. */
export function expectedTotals(upTo: number): Totals {
  const byStream = new Map<string, { total: number; count: number }>();
  for (let v = 1; v <= upTo; v++) {
    const t = byStream.get(`acct-${v % 3}`) ?? { total: 0, count: 0 };
    byStream.set(`acct-${v % 3}`, { total: t.total + v, count: t.count + 1 });
  }
  return [...byStream]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([stream, t]) => ({ stream, total: String(t.total), count: t.count }));
}

/**
 * A fresh database holding the `cli_totals` table and VALUES "Added" events over three streams (with some noise of
 * another type), and the CLI's projections commands to run over it in this process.
 */
export async function openTotalsFixture() {
  const infra: TestInfra = await openTestInfra();
  const env = cliEnv(infra.url);
  await infra.knex.raw('create table ?? (stream text primary key, total bigint not null, count int not null)', [TABLE]);
  for (let v = 1; v <= VALUES; v++) {
    await infra.store.append(`acct-${v % 3}`, [{ id: randomUUID(), type: 'Added', data: { value: v } }], {
      expectedRevision: 'any',
    });
    if (v % 8 === 0)
      await infra.store.append('noise-1', [{ id: randomUUID(), type: 'Other', data: {} }], {
        expectedRevision: 'any',
      });
  }

  const readTotals = (): Promise<Totals> => infra.knex(TABLE).select('stream', 'total', 'count').orderBy('stream');

  /** Runs the CLI's dispatcher in this process, over the given projections. */
  async function inProcess(args: string[], projection: Projection, signal = new AbortController().signal) {
    const out = new PassThrough().setEncoding('utf8');
    const err = new PassThrough().setEncoding('utf8');
    let stdout = '';
    let stderr = '';
    out.on('data', (chunk: string) => (stdout += chunk));
    err.on('data', (chunk: string) => (stderr += chunk));
    const ctx = createContext({
      env: cliEnv(infra.url, { PROJECTION_BATCH_SIZE: '7' }),
      stdout: out,
      stderr: err,
      signal,
    });
    const code = await runInProcess(args, [projectionsCommands(() => Promise.resolve([projection]))], ctx);
    out.end();
    err.end();
    await Promise.all([once(out, 'end'), once(err, 'end')]);
    return { code, stdout, stderr };
  }
  const rebuildInProcess = (projection: Projection, signal?: AbortSignal) =>
    inProcess(['projections', 'rebuild', projection.name], projection, signal);

  return { infra, env, readTotals, inProcess, rebuildInProcess };
}
