import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/cli/context.js';
import { runCli as runInProcess } from '../../../src/cli/dispatch.js';
import { projectionsCommands } from '../../../src/cli/projections.js';
import { comparePositions, formatPosition } from '../../../src/platform/eventstore/position.js';
import { readCheckpoint } from '../../../src/projections/checkpoints.js';
import { ProjectionLock } from '../../../src/projections/lock.js';
import type { Projection } from '../../../src/projections/projection.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { cliEnv, runCli } from './cli-process.js';

interface StatusRow {
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

/** Totals per stream of "Added" values; `onApply` sees each value first and may throw. */
function totals(table: string, onApply: (value: number) => void = () => undefined): Projection {
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

describe('projections commands', () => {
  let infra: TestInfra;
  let env: NodeJS.ProcessEnv;
  const TABLE = 'cli_totals';
  const VALUES = 40;

  async function readTotals(): Promise<Array<{ stream: string; total: string; count: number }>> {
    return infra.knex(TABLE).select('stream', 'total', 'count').orderBy('stream');
  }
  /** What the table holds once values 1..upTo are applied. */
  function expectedTotals(upTo: number): Array<{ stream: string; total: string; count: number }> {
    const byStream = new Map<string, { total: number; count: number }>();
    for (let v = 1; v <= upTo; v++) {
      const t = byStream.get(`acct-${v % 3}`) ?? { total: 0, count: 0 };
      byStream.set(`acct-${v % 3}`, { total: t.total + v, count: t.count + 1 });
    }
    return [...byStream]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([stream, t]) => ({ stream, total: String(t.total), count: t.count }));
  }

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

  beforeAll(async () => {
    infra = await openTestInfra();
    env = cliEnv(infra.url);
    await infra.knex.raw('create table ?? (stream text primary key, total bigint not null, count int not null)', [
      TABLE,
    ]);
    for (let v = 1; v <= VALUES; v++) {
      await infra.store.append(`acct-${v % 3}`, [{ id: randomUUID(), type: 'Added', data: { value: v } }], {
        expectedRevision: 'any',
      });
      if (v % 8 === 0)
        await infra.store.append('noise-1', [{ id: randomUUID(), type: 'Other', data: {} }], {
          expectedRevision: 'any',
        });
    }
  });
  afterAll(async () => {
    await infra.close();
  });

  it('status lists each checkpoint, the projections of this build, and who holds a lock', async () => {
    await infra.knex('gs_checkpoints').insert({
      name: 'legacy-report',
      version: 3,
      commit_position: '4660',
      prepare_position: '17',
      events_applied: 42,
      status: 'failed',
      last_error: 'boom: first line\n  second line',
      updated_at: '2024-03-01T12:00:00Z',
    });
    const json = await runCli(['projections', 'status', '--json'], env);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    const rows = JSON.parse(json.stdout) as StatusRow[];
    expect(rows.find((r) => r.name === 'legacy-report')).toEqual({
      name: 'legacy-report',
      version: 3,
      codeVersion: null,
      position: '0000000000001234-0000000000000011',
      eventsApplied: 42,
      status: 'failed',
      lastError: 'boom: first line\n  second line',
      updatedAt: '2024-03-01T12:00:00.000Z',
      lockHolder: null,
    });
    const registered = rows.filter((r) => r.codeVersion !== null);
    expect(registered.length).toBeGreaterThan(0);
    // lockHolder is left out: ProjectionLock.holder also sees these names locked in other databases on the server.
    for (const row of registered)
      expect(row).toMatchObject({ version: null, status: 'never run', position: null, eventsApplied: 0 });

    const lock = new ProjectionLock(infra.url, 'legacy-report');
    expect(await lock.tryAcquire()).toBe(true);
    try {
      const table = await runCli(['projections', 'status'], env);
      expect(table).toMatchObject({ code: 0, stderr: '' });
      const lines = table.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^NAME +VERSION +POSITION +APPLIED +STATUS +LOCK HELD BY +UPDATED +LAST ERROR$/);
      expect(lines).toHaveLength(rows.length + 1);
      const legacy = lines.find((l) => l.startsWith('legacy-report '));
      expect(legacy).toMatch(
        /^legacy-report +3 \(not in this build\) +0000000000001234-0000000000000011 +42 +failed +pid \d+ \(goodstream projection legacy-report(?: from [^)]+)?\) +2024-03-01T12:00:00\.000Z +boom: first line second line$/,
      );
    } finally {
      await lock.release();
    }
  });

  it('rebuild of an unknown name exits 2 naming the projections there are', async () => {
    const rows = JSON.parse((await runCli(['projections', 'status', '--json'], env)).stdout) as StatusRow[];
    const names = rows.filter((r) => r.codeVersion !== null).map((r) => r.name);
    const result = await runCli(['projections', 'rebuild', 'nope'], env);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `error: unknown projection "nope"; known projections: ${names.join(', ')}`,
    );
  });

  it("rebuild runs one of the app's projections end to end and leaves its checkpoint running", async () => {
    const rows = JSON.parse((await runCli(['projections', 'status', '--json'], env)).stdout) as StatusRow[];
    const target = rows.find((r) => r.codeVersion !== null)!;
    const result = await runCli(['projections', 'rebuild', target.name], env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const checkpoint = await readCheckpoint(infra.knex, target.name);
    expect(checkpoint).toMatchObject({ version: target.codeVersion, status: 'running', eventsApplied: 0 });
    expect(result.stdout).toBe(
      `rebuilt ${target.name} v${target.codeVersion}: 0 events applied, up to ${formatPosition(checkpoint!.position)}\n`,
    );
  });

  it('rebuild empties the tables and replays every event of its types, page by page, up to the head', async () => {
    await infra.knex(TABLE).insert({ stream: 'stale', total: 999, count: 1 });
    const head = await infra.store.headPosition();
    const result = await rebuildInProcess(totals(TABLE));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await readTotals()).toEqual(expectedTotals(VALUES));
    const checkpoint = await readCheckpoint(infra.knex, TABLE);
    expect(checkpoint).toMatchObject({ version: 1, eventsApplied: VALUES, status: 'running', lastError: null });
    expect(comparePositions(checkpoint!.position, head)).toBeGreaterThanOrEqual(0);
    expect(result.stdout).toBe(
      `rebuilt ${TABLE} v1: ${VALUES} events applied, up to ${formatPosition(checkpoint!.position)}\n`,
    );
  });

  it('rebuild exits 1 naming the holder, and touches nothing, while another process runs the projection', async () => {
    await infra.knex(TABLE).insert({ stream: 'stale', total: 999, count: 1 });
    const before = await readTotals();
    const lock = new ProjectionLock(infra.url, TABLE);
    expect(await lock.tryAcquire()).toBe(true);
    try {
      const result = await rebuildInProcess(totals(TABLE));
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(
          `^error: projection ${TABLE} is locked by pid \\d+ \\(goodstream projection ${TABLE}(?: from [^)]+)?\\); stop it, then rebuild\\n$`,
        ),
      );
      expect(await readTotals()).toEqual(before);
    } finally {
      await lock.release();
    }
  });

  it('rebuild interrupted leaves the old rows and checkpoint serving, and exits 130', async () => {
    const before = await readTotals();
    const old = await readCheckpoint(infra.knex, TABLE);
    const controller = new AbortController();
    const result = await rebuildInProcess(
      totals(TABLE, (v) => v === 10 && controller.abort()),
      controller.signal,
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(`interrupted: ${TABLE} is unchanged; its old rows and checkpoint still serve\n`);
    expect(await readTotals()).toEqual(before);
    expect(await readCheckpoint(infra.knex, TABLE)).toEqual(old);
  });

  it('rebuild that fails midway on the infrastructure exits 1 and leaves the old rows and checkpoint serving', async () => {
    const before = await readTotals();
    const old = await readCheckpoint(infra.knex, TABLE);
    const result = await rebuildInProcess(
      totals(TABLE, (v) => {
        if (v === 20) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: PostgreSQL is not answering|^error: Error: Connection terminated unexpectedly/,
    );
    expect(await readTotals()).toEqual(before);
    expect(await readCheckpoint(infra.knex, TABLE)).toEqual(old);
    const lock = new ProjectionLock(infra.url, TABLE);
    expect(await lock.tryAcquire()).toBe(true);
    await lock.release();
  });

  it('rebuild parks an event the projection fails on and completes; parked lists it, and skip closes it', async () => {
    const result = await rebuildInProcess(
      totals(TABLE, (v) => {
        if (v === 20) throw new Error('cannot add 20');
      }),
    );
    expect(result.stderr).toMatch(/^parked Added [0-9a-f-]{36} of acct-2: cannot add 20\n$/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^rebuilt ${TABLE} v1: ${VALUES - 1} events applied, 1 parked, up to `));
    const expected = expectedTotals(VALUES).map((row) =>
      row.stream === 'acct-2' ? { ...row, total: String(Number(row.total) - 20), count: row.count - 1 } : row,
    );
    expect(await readTotals()).toEqual(expected);
    expect(await readCheckpoint(infra.knex, TABLE)).toMatchObject({ status: 'running', eventsApplied: VALUES - 1 });

    const listed = await runCli(['projections', 'parked', '--projection', TABLE, '--json'], env);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const [parked, ...others] = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(others).toEqual([]);
    expect(parked).toMatchObject({
      projection: TABLE,
      type: 'Added',
      stream: 'acct-2',
      error: 'cannot add 20',
      attempts: 5,
      status: 'parked',
      tenantId: null,
    });
    const table = await runCli(['projections', 'parked'], env);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^ID +PROJECTION +TYPE +EVENT +STREAM +POSITION +TENANT +ATTEMPTS +LAST FAILED +STATUS +ERROR$/,
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${String(parked!.id)} +${TABLE} +Added +${String(parked!.eventId)} +acct-2 +[0-9a-f]{16}-[0-9a-f]{16} +- +5 +\\S+ +parked +cannot add 20$`,
      ),
    );

    const skipped = await runCli(['projections', 'skip', String(parked!.id)], env);
    expect(skipped).toMatchObject({
      code: 0,
      stderr: '',
      stdout: `skipped parked event ${String(parked!.id)} (${TABLE}: Added ${String(parked!.eventId)} of acct-2)\n`,
    });
    expect(await runCli(['projections', 'parked'], env)).toMatchObject({ code: 0, stdout: 'no parked events\n' });
    const again = await runCli(['projections', 'skip', String(parked!.id)], env);
    expect(again).toMatchObject({
      code: 1,
      stderr: `error: parked event ${String(parked!.id)} (${TABLE}: Added ${String(parked!.eventId)} of acct-2) is already skipped\n`,
    });
    expect((await runCli(['projections', 'skip', '999999'], env)).code).toBe(1);
    expect((await runCli(['projections', 'skip'], env)).code).toBe(2);
    expect((await runCli(['projections', 'skip', 'abc'], env)).code).toBe(2);
  });

  it('retry applies a parked event through its projection once its cause is fixed, and keeps it parked, saying why, while it still fails', async () => {
    let cursed = true;
    const projection = totals(TABLE, (v) => {
      if (v === 30 && cursed) throw new Error('cannot add 30');
    });
    expect((await rebuildInProcess(projection)).code).toBe(0);
    const [parked] = JSON.parse((await runCli(['projections', 'parked', '--json'], env)).stdout) as Array<{
      id: number;
      eventId: string;
    }>;
    const retry = (args: string[]) => inProcess(['projections', 'retry', ...args], projection);

    const failing = await retry([String(parked!.id)]);
    expect(failing).toMatchObject({ code: 1, stdout: '' });
    expect(failing.stderr).toBe(
      `parked event ${parked!.id} (${TABLE}: Added ${parked!.eventId} of acct-0) stays parked: still failing: cannot add 30\n`,
    );
    expect(JSON.parse((await runCli(['projections', 'parked', '--json'], env)).stdout)).toMatchObject([
      { id: parked!.id, attempts: 6, status: 'parked' },
    ]);

    cursed = false;
    const fixed = await retry(['--all']);
    expect(fixed).toMatchObject({
      code: 0,
      stderr: '',
      stdout: `retried parked event ${parked!.id} (${TABLE}: Added ${parked!.eventId} of acct-0)\n`,
    });
    // 20, skipped before, applied in this test's rebuild: a rebuild tries every event again.
    expect(await readTotals()).toEqual(expectedTotals(VALUES));
    expect(await runCli(['projections', 'parked'], env)).toMatchObject({ code: 0, stdout: 'no parked events\n' });
    expect(
      JSON.parse((await runCli(['projections', 'parked', '--status', 'retried', '--json'], env)).stdout),
    ).toMatchObject([{ id: parked!.id, status: 'retried' }]);
    expect(await retry(['--all'])).toMatchObject({ code: 0, stdout: 'no parked events\n' });
  });
});
