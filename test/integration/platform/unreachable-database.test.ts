import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstValueFrom, take, toArray, timeout } from 'rxjs';
import pg from 'pg';
import { HttpError, toHttpError } from '../../../src/http/errors.js';
import { createKnex, isDatabaseUnreachable } from '../../../src/platform/db.js';
import { notifications } from '../../../src/platform/eventstore/postgres/notifier.js';
import { PostgresEventStore } from '../../../src/platform/eventstore/postgres/store.js';
import { LockSession } from '../../../src/projections/lock.js';
import { createTestDatabase } from '../../support/db.js';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('PostgreSQL going away under the platform’s connections', () => {
  const rejections: unknown[] = [];
  const note = (reason: unknown): void => void rejections.push(reason);
  let proxy: TcpProxy;
  let direct: string;
  let url: string;

  beforeAll(async () => {
    process.on('unhandledRejection', note);
    direct = await createTestDatabase();
    proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
    url = proxy.through(direct);
  });
  afterEach(async () => {
    await proxy.restore().catch(() => undefined);
  });
  afterAll(async () => {
    await proxy.close();
    process.off('unhandledRejection', note);
  });

  it('when the lock session cannot connect, then tryAcquire rejects, nothing else does, and it locks once PostgreSQL is back', async () => {
    const session = new LockSession(url);
    const lock = session.lockFor('outage');
    await proxy.cut();
    // As a projection worker retries: each failed connect used to leave a rejected promise nothing handled.
    for (let attempt = 0; attempt < 3; attempt++)
      await expect(lock.tryAcquire()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await settle();
    expect(rejections).toEqual([]);
    await proxy.restore();
    expect(await lock.tryAcquire()).toBe(true);
    await lock.release();
  });

  it('when the lock connection is reset, then the lock reads as lost, and is taken again once PostgreSQL is back', async () => {
    const session = new LockSession(url);
    const lock = session.lockFor('reset');
    expect(await lock.tryAcquire()).toBe(true);
    await proxy.cut();
    await settle();
    expect(lock.isHeld()).toBe(false);
    await proxy.restore();
    expect(await lock.tryAcquire()).toBe(true);
    await lock.release();
    expect(rejections).toEqual([]);
  });

  it('when the LISTEN connection is reset, then it listens again within a second of PostgreSQL’s return', async () => {
    const errors: Error[] = [];
    const wakeups = notifications(url, 'gs_outage_test', (error) => errors.push(error));
    const first = firstValueFrom(wakeups.pipe(take(1), timeout(5_000)));
    await first; // the wake-up a new LISTEN gives
    const again = firstValueFrom(wakeups.pipe(take(1), toArray(), timeout(10_000)));
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const restoredAt = Date.now();
    await proxy.restore();
    await again;
    expect(Date.now() - restoredAt).toBeLessThan(1_500);
    expect(errors.length).toBeGreaterThan(0);
    expect(rejections).toEqual([]);
  });

  it('when the pools cannot reach PostgreSQL, then their errors read as 503 service_unavailable with Retry-After, within the connection timeout', async () => {
    const knex = createKnex(url, { max: 2 });
    const store = new PostgresEventStore({ connectionString: url, pollMs: 50 });
    try {
      await knex.raw('select 1');
      await store.ping();
      await proxy.cut();
      const started = Date.now();
      const failures = await Promise.all([
        knex.raw('select 1').catch((e: unknown) => e),
        store.ping().catch((e: unknown) => e),
        knex.raw('select 1').catch((e: unknown) => e),
      ]);
      expect(Date.now() - started).toBeLessThan(3_500);
      for (const failure of failures) {
        expect(isDatabaseUnreachable(failure)).toBe(true);
        const answer = toHttpError(failure);
        expect(answer).toBeInstanceOf(HttpError);
        expect(answer).toMatchObject({
          errorName: 'service_unavailable',
          status: 503,
          headers: { 'Retry-After': '2' },
        });
      }
      await proxy.restore();
      await knex.raw('select 1');
      await store.ping();
    } finally {
      await store.close();
      await knex.destroy();
    }
    expect(rejections).toEqual([]);
  });

  it('when a statement is wrong, then it is not taken for an outage', async () => {
    const client = new pg.Client({ connectionString: direct });
    await client.connect();
    try {
      const error = await client.query('select * from no_such_table').catch((e: unknown) => e);
      expect(isDatabaseUnreachable(error)).toBe(false);
      expect(toHttpError(error)).toBeUndefined();
    } finally {
      await client.end();
    }
  });
});
