import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Position } from '../../../src/platform/eventstore/position.js';
import type { Projection } from '../../../src/projections/projection.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { readCheckpoint } from '../../../src/projections/checkpoints.js';
import { eventually, openTestInfra, type TestInfra } from '../../support/infra.js';

/** A read model of totals per stream, with a switch to fail on one chosen event. */
function totals(table: string, version = 1, failOn?: { value: number; remaining: number }): Projection {
  return {
    name: table,
    version,
    eventTypes: ['Added'],
    tables: [table],
    async apply(trx, event) {
      const value = Number(event.data.value);
      if (failOn && failOn.value === value && failOn.remaining-- > 0) throw new Error(`failing on ${value}`);
      await trx.raw(
        `insert into ?? (stream, total, count) values (?, ?, 1)
         on conflict (stream) do update set total = excluded.total + ??.total, count = ??.count + 1`,
        [table, event.streamName, value, table, table],
      );
    },
  };
}

async function createTotalsTable(knex: Knex, table: string): Promise<void> {
  await knex.raw('create table ?? (stream text primary key, total bigint not null, count int not null)', [table]);
}

async function readTotals(knex: Knex, table: string): Promise<Array<{ stream: string; total: string; count: number }>> {
  return knex(table).select('stream', 'total', 'count').orderBy('stream');
}

describe('projection runner', () => {
  let infra: TestInfra;
  beforeAll(async () => {
    infra = await openTestInfra();
  });
  afterAll(async () => {
    await infra.close();
  });

  const runner = (projections: Projection[], batchSize = 50) =>
    new ProjectionRunner(projections, {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      batchSize,
      pollMs: 20,
      retryMs: 50,
    });

  /** Appends values 1..count; answers the position of the last, which readers reach once the horizon passes it. */
  async function appendValues(count: number): Promise<Position> {
    let last: Position | undefined;
    for (let i = 1; i <= count; i++) {
      last = (
        await infra.store.append(`acct-${i % 7}`, [{ id: randomUUID(), type: 'Added', data: { value: i } }], {
          expectedRevision: 'any',
        })
      ).position;
    }
    return last!;
  }
  let head: Position;

  it('when a projection throws in the middle of a batch and the runner restarts, then the read model equals a rebuild from scratch', async () => {
    await createTotalsTable(infra.knex, 'crashy');
    await createTotalsTable(infra.knex, 'clean');
    head = await appendValues(300);

    // Fails on the 125th event, inside a batch, twice.
    const failing = runner([totals('crashy', 1, { value: 125, remaining: 2 })]);
    failing.start();
    const failed = await eventually(
      () => readCheckpoint(infra.knex, 'crashy'),
      (c) => c?.status === 'failed',
    );
    await failing.stop();
    // The batch that failed left nothing behind: the read model holds exactly what the checkpoint counts.
    expect(failed?.eventsApplied).toBeLessThan(125);
    const partial = await readTotals(infra.knex, 'crashy');
    expect(partial.reduce((sum, row) => sum + row.count, 0)).toBe(failed?.eventsApplied);

    const restarted = runner([totals('crashy', 1, { value: 125, remaining: 1 })]);
    restarted.start();
    expect(await restarted.waitFor(head, ['crashy'], 15_000)).toBe(true);
    await restarted.stop();

    const rebuild = runner([totals('clean')], 1000);
    rebuild.start();
    expect(await rebuild.waitFor(head, ['clean'], 15_000)).toBe(true);
    await rebuild.stop();

    const crashy = await readTotals(infra.knex, 'crashy');
    expect(crashy).toEqual(await readTotals(infra.knex, 'clean'));
    expect(crashy.reduce((sum, row) => sum + Number(row.total), 0)).toBe((300 * 301) / 2);
    expect((await readCheckpoint(infra.knex, 'crashy'))?.eventsApplied).toBe(300);
  });

  it('when the version is bumped, then the read model is rebuilt from the first event', async () => {
    await createTotalsTable(infra.knex, 'versioned');
    const v1 = runner([totals('versioned', 1)]);
    v1.start();
    await v1.waitFor(head, ['versioned'], 15_000);
    await v1.stop();
    await infra.knex('versioned').update({ total: 0 }); // damage it: a rebuild must repair this
    const v2 = runner([totals('versioned', 2)]);
    v2.start();
    await v2.waitFor(head, ['versioned'], 15_000);
    await v2.stop();
    const rows = await readTotals(infra.knex, 'versioned');
    expect(rows.reduce((sum, row) => sum + Number(row.total), 0)).toBe((300 * 301) / 2);
    expect((await readCheckpoint(infra.knex, 'versioned'))?.version).toBe(2);
  });

  it('when two runners start the same projection, then only one applies events (advisory lock)', async () => {
    await createTotalsTable(infra.knex, 'locked');
    const first = runner([totals('locked')]);
    const second = runner([totals('locked')]);
    first.start();
    await eventually(
      () => first.positionOf('locked'),
      (p) => p !== undefined,
    );
    second.start();
    const reached = await appendValues(40);
    expect(await first.waitFor(reached, ['locked'], 15_000)).toBe(true);
    expect(second.positionOf('locked')).toBeUndefined();
    await first.stop();
    // The standby takes over once the lock is free.
    const later = await appendValues(5);
    expect(await second.waitFor(later, ['locked'], 15_000)).toBe(true);
    await second.stop();
    const rows = await readTotals(infra.knex, 'locked');
    expect(rows.reduce((sum, row) => sum + row.count, 0)).toBe(345);
  });

  it('when waiting for a position that is never reached, then it answers false after the timeout', async () => {
    const idle = runner([totals('crashy')]);
    idle.start();
    const far = { commit: 2n ** 60n, prepare: 0n };
    const started = Date.now();
    expect(await idle.waitFor(far, ['crashy'], 300)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await idle.stop();
  });
  it('when a read model changes, then its stamp changes; a standby runner and a stopped one have none', async () => {
    await createTotalsTable(infra.knex, 'stamped');
    const active = runner([totals('stamped')]);
    expect(active.readModelStamp(['stamped'])).toBeUndefined();
    active.start();
    expect(await active.waitFor(await appendValues(1), ['stamped'], 15_000)).toBe(true);
    const before = active.readModelStamp(['stamped']);
    expect(before).toBeTypeOf('number');
    expect(active.readModelStamp(['stamped', 'not-run-here'])).toBeUndefined();

    // A second process's runner waits for the lock: it cannot tell when the read model changes.
    const standby = runner([totals('stamped')]);
    standby.start();
    expect(standby.readModelStamp(['stamped'])).toBeUndefined();

    expect(await active.waitFor(await appendValues(1), ['stamped'], 15_000)).toBe(true);
    const after = active.readModelStamp(['stamped']);
    expect(after).toBeGreaterThan(before!);
    expect(standby.readModelStamp(['stamped'])).toBeUndefined();
    await active.stop();
    expect(active.readModelStamp(['stamped'])).toBeUndefined();
    await standby.stop();
  });

  it('when a projection says a page changes nothing, then it moves past the page without applying it, and a later page is applied', async () => {
    await createTotalsTable(infra.knex, 'skipping');
    const applied: number[] = [];
    let skipping = true;
    const projection: Projection = {
      ...totals('skipping'),
      async apply(trx, event) {
        applied.push(Number(event.data.value));
        await totals('skipping').apply(trx, event);
      },
      skips: () => Promise.resolve(skipping),
    };
    const skipper = runner([projection], 1000);
    skipper.start();
    expect(await skipper.waitFor(head, ['skipping'], 15_000)).toBe(true);
    expect(applied).toEqual([]);
    skipping = false;
    const later = await appendValues(1);
    expect(await skipper.waitFor(later, ['skipping'], 15_000)).toBe(true);
    await skipper.stop();
    expect(applied).toEqual([1]);
    expect(await readTotals(infra.knex, 'skipping')).toEqual([{ stream: 'acct-1', total: '1', count: 1 }]);
  });
});
