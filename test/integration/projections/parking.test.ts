import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Position } from '../../../src/platform/eventstore/position.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createMetrics } from '../../../src/platform/metrics.js';
import { readCheckpoint } from '../../../src/projections/checkpoints.js';
import { isInfrastructureError, listParked } from '../../../src/projections/parked.js';
import type { Projection } from '../../../src/projections/projection.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { eventually, openTestInfra, type TestInfra } from '../../support/infra.js';

/**
 * Totals per stream of the values of events typed as the table is named; `poison` says which values throw, and with
 * what.
 */
function totals(table: string, poison: (value: number) => Error | undefined, version = 1): Projection {
  return {
    name: table,
    version,
    eventTypes: [table],
    tables: [table],
    async apply(trx, event) {
      const value = Number(event.data.value);
      const error = poison(value);
      if (error) throw error;
      await trx.raw(
        `insert into ?? (stream, total, count) values (?, ?, 1)
         on conflict (stream) do update set total = excluded.total + ??.total, count = ??.count + 1`,
        [table, event.streamName, value, table, table],
      );
    },
  };
}

const connectionReset = (): Error => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

interface LogLine {
  level: number;
  msg: string;
  projection?: string;
  attempt?: number;
}

describe('parking poison events', () => {
  let infra: TestInfra;
  const lines: LogLine[] = [];
  const logger = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  const runner = (projections: Projection[], extra: { metrics?: ReturnType<typeof createMetrics> } = {}) =>
    new ProjectionRunner(projections, {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger,
      batchSize: 50,
      pollMs: 20,
      retryMs: 100,
      maxAttempts: 3,
      ...extra,
    });

  async function createTotals(table: string): Promise<void> {
    await infra.knex.raw('create table ?? (stream text primary key, total bigint not null, count int not null)', [
      table,
    ]);
  }
  const sum = async (knex: Knex, table: string): Promise<{ total: number; count: number }> => {
    const rows = await knex(table).select<Array<{ total: string; count: number }>>('total', 'count');
    return { total: rows.reduce((s, r) => s + Number(r.total), 0), count: rows.reduce((s, r) => s + r.count, 0) };
  };
  async function append(type: string, value: number, tenantId: string): Promise<Position> {
    const result = await infra.store.append(
      `acct-${tenantId}`,
      [{ id: randomUUID(), type, data: { value }, metadata: { tenantId } }],
      { expectedRevision: 'any' },
    );
    return result.position;
  }

  it('when one event fails every time, then it is parked after maxAttempts tries, the events around it apply, and the log says so once', async () => {
    await createTotals('parking_a');
    const run = runner([totals('parking_a', (v) => (v === 13 ? new Error('value 13 is cursed') : undefined))]);
    run.start();
    await eventually(
      () => run.positionOf('parking_a'),
      (p) => p !== undefined,
    );
    let last: Position | undefined;
    for (let v = 1; v <= 30; v++) last = await append('parking_a', v, v === 13 ? 'tenant-a' : 'tenant-b');
    expect(await run.waitFor(last!, ['parking_a'], 10_000)).toBe(true);
    await run.stop();

    expect(await sum(infra.knex, 'parking_a')).toEqual({ total: (30 * 31) / 2 - 13, count: 29 });
    const [parked, ...others] = await listParked(infra.knex, { projection: 'parking_a' });
    expect(others).toEqual([]);
    expect(parked).toMatchObject({
      type: 'parking_a',
      stream: 'acct-tenant-a',
      tenantId: 'tenant-a',
      error: 'value 13 is cursed',
      attempts: 3,
      status: 'parked',
    });
    expect(await readCheckpoint(infra.knex, 'parking_a')).toMatchObject({ status: 'running', eventsApplied: 29 });
    const mine = lines.filter((l) => l.projection === 'parking_a');
    expect(mine.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([expect.stringMatching(/^event parked/)]);
    expect(mine.filter((l) => l.level === 40).map((l) => l.attempt)).toEqual([1, 2]);
  });

  it("when a tenant's poison event sits in the log, then another tenant's later write is read back within the wait", async () => {
    await createTotals('parking_b');
    const run = runner([totals('parking_b', (v) => (v === 1000 ? new Error('poison') : undefined))]);
    run.start();
    await eventually(
      () => run.positionOf('parking_b'),
      (p) => p !== undefined,
    );
    await append('parking_b', 1000, 'tenant-a');
    const theirs = await append('parking_b', 7, 'tenant-b');
    const started = Date.now();
    expect(await run.waitFor(theirs, ['parking_b'], 5_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Once parked, nothing waits on it any more.
    const next = await append('parking_b', 8, 'tenant-b');
    const again = Date.now();
    expect(await run.waitFor(next, ['parking_b'], 5_000)).toBe(true);
    expect(Date.now() - again).toBeLessThan(1_000);
    await run.stop();
    expect(await sum(infra.knex, 'parking_b')).toMatchObject({ total: 15 });
  });

  it('when the failure is the infrastructure’s, then nothing is parked: the page is tried again until it applies', async () => {
    await createTotals('parking_c');
    let resets = 5;
    const run = runner([totals('parking_c', (v) => (v === 4 && resets-- > 0 ? connectionReset() : undefined))]);
    run.start();
    await eventually(
      () => run.positionOf('parking_c'),
      (p) => p !== undefined,
    );
    const last = await append('parking_c', 4, 'tenant-c');
    expect(await run.waitFor(last, ['parking_c'], 10_000)).toBe(true);
    await run.stop();
    expect(await listParked(infra.knex, { projection: 'parking_c' })).toEqual([]);
    expect(isInfrastructureError(connectionReset())).toBe(true);
    expect(isInfrastructureError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isInfrastructureError(new RangeError('Invalid time value'))).toBe(false);
  });

  it('when parked events stand, then the gauge counts them per projection, and 0 for the others', async () => {
    const metrics = createMetrics();
    const run = runner([totals('parking_a', () => undefined), totals('parking_c', () => undefined)], { metrics });
    const text = await metrics.registry.metrics();
    expect(text).toContain('# TYPE goodstream_projection_parked_events gauge');
    expect(text).toContain('goodstream_projection_parked_events{projection="parking_a"} 1');
    expect(text).toContain('goodstream_projection_parked_events{projection="parking_c"} 0');
    await run.stop();
  });

  it('when a version bump meets a poison event, then the rebuild parks it and completes', async () => {
    const before = await sum(infra.knex, 'parking_a');
    const run = runner([totals('parking_a', (v) => (v === 21 ? new Error('21 is cursed now') : undefined), 2)]);
    run.start();
    const checkpoint = await eventually(
      () => readCheckpoint(infra.knex, 'parking_a'),
      (c) => c?.version === 2 && c.status === 'running',
    );
    await run.stop();
    expect(checkpoint?.version).toBe(2);
    // 13 was parked before, and fails no more: it applies now, and is no longer parked; 21 is.
    expect(await sum(infra.knex, 'parking_a')).toEqual({ total: before.total + 13 - 21, count: 29 });
    const parked = await listParked(infra.knex, { projection: 'parking_a', status: 'parked' });
    expect(parked.map((p) => p.error)).toEqual(['21 is cursed now']);
  });

  it('when a rebuild fails midway on the infrastructure, then the old rows and checkpoint still serve, and readers saw them throughout', async () => {
    await createTotals('parking_d');
    let last: Position | undefined;
    for (let v = 1; v <= 10; v++) last = await append('parking_d', v, 'tenant-d');
    const v1 = runner([totals('parking_d', () => undefined)]);
    v1.start();
    expect(await v1.waitFor(last!, ['parking_d'], 10_000)).toBe(true);
    await v1.stop();
    const before = await sum(infra.knex, 'parking_d');
    expect(before).toEqual({ total: 55, count: 10 });
    const old = await readCheckpoint(infra.knex, 'parking_d');
    const seen: number[] = [];
    const v2 = runner([
      totals(
        'parking_d',
        (v) => {
          if (v !== 8) return undefined;
          // Mid-rebuild: another connection still reads the old rows.
          void sum(infra.knex, 'parking_d').then((s) => seen.push(s.count));
          return connectionReset();
        },
        2,
      ),
    ]);
    v2.start();
    await eventually(
      () => readCheckpoint(infra.knex, 'parking_d'),
      (c) => c?.status === 'failed',
    );
    await v2.stop();
    await eventually(
      () => seen.length,
      (n) => n > 0,
    );
    expect(seen.every((count) => count === 10)).toBe(true);
    expect(await sum(infra.knex, 'parking_d')).toEqual(before);
    expect(await readCheckpoint(infra.knex, 'parking_d')).toMatchObject({
      version: 1,
      position: old!.position,
      eventsApplied: 10,
    });
  });
});
