import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockSession } from '../../../src/projections/lock.js';
import { createTestDatabase } from '../../support/db.js';

const connectionsOf = async (url: string): Promise<number> => {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = new URL(url).pathname.slice(1);
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_stat_activity where datname = $1 and application_name like 'goodstream projections (process %'`,
      [db],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
};

describe('LockSession: one connection holds many projections’ locks', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
  });
  const sessions: LockSession[] = [];
  afterAll(async () => {
    for (const s of sessions) for (const name of ['a', 'b', 'c']) await s.lockFor(name).release();
  });

  it('when one session takes three locks, then it uses one connection and another session gets none of them until released', async () => {
    const first = new LockSession(url);
    const second = new LockSession(url);
    sessions.push(first, second);
    for (const name of ['a', 'b', 'c']) expect(await first.lockFor(name).tryAcquire()).toBe(true);
    expect(await connectionsOf(url)).toBe(1);
    expect(await second.lockFor('b').tryAcquire()).toBe(false);

    await first.lockFor('b').release();
    expect(await second.lockFor('b').tryAcquire()).toBe(true);
    expect(await first.lockFor('b').tryAcquire()).toBe(false);

    await first.lockFor('a').release();
    await first.lockFor('c').release();
    await second.lockFor('b').release();
    // The last release closes the connection.
    await new Promise((r) => setTimeout(r, 100));
    expect(await connectionsOf(url)).toBe(0);
  });

  it('when the connection holding the locks drops, then they are no longer held, and the next tryAcquire takes them again', async () => {
    const session = new LockSession(url);
    sessions.push(session);
    const lock = session.lockFor('c');
    expect(await lock.tryAcquire()).toBe(true);
    expect(lock.isHeld()).toBe(true);

    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name like 'goodstream projections (process %'`,
    );
    await admin.end();
    for (const started = Date.now(); lock.isHeld() && Date.now() - started < 5000;)
      await new Promise((r) => setTimeout(r, 20));

    expect(lock.isHeld()).toBe(false);
    expect(await lock.tryAcquire()).toBe(true);
    expect(lock.isHeld()).toBe(true);
  });
});
