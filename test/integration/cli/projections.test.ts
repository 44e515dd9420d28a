import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparePositions, formatPosition } from '../../../src/platform/eventstore/position.js';
import { readCheckpoint } from '../../../src/projections/checkpoints.js';
import { ProjectionLock } from '../../../src/projections/lock.js';
import { runCli } from './cli-process.js';
import { expectedTotals, openTotalsFixture, TABLE, totals, VALUES, type StatusRow } from './totals-fixture.js';

describe('projections commands', () => {
  let fixture: Awaited<ReturnType<typeof openTotalsFixture>>;
  let infra: typeof fixture.infra;
  let env: NodeJS.ProcessEnv;
  const readTotals = () => fixture.readTotals();
  const rebuildInProcess = (...args: Parameters<typeof fixture.rebuildInProcess>) => fixture.rebuildInProcess(...args);

  beforeAll(async () => {
    fixture = await openTotalsFixture();
    ({ infra, env } = fixture);
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
});
