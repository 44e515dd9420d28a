import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { createTestDatabase } from '../support/db.js';

describe('PostgreSQL store: an idle subscriber', () => {
  let store: PostgresEventStore;
  beforeAll(async () => {
    store = new PostgresEventStore({ connectionString: await createTestDatabase(), pollMs: 500 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('polls at its interval instead of spinning', async () => {
    const reads = vi.spyOn(store, 'readAll');
    const subscriptions = [0, 1].map(() =>
      store.subscribeAll({ filter: { categories: ['idle'] } }).subscribe(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 2000));
    subscriptions.forEach((s) => s.unsubscribe());
    // Two subscribers at one poll every 500 ms, plus the first reads and the listener's start-up wake-up.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(16);
    reads.mockRestore();
  });

  it('wakes its subscribers at once for an event it appends, long before a poll would', async () => {
    // A poll every 10 s: an event seen within 2 s was woken for, however loaded the machine running the test.
    const patient = new PostgresEventStore({
      connectionString: (store as unknown as { options: { connectionString: string } }).options.connectionString,
      pollMs: 10_000,
    });
    const seen: string[] = [];
    const caughtUp: boolean[] = [false, false];
    const subscriptions = [0, 1].map((i) =>
      patient.subscribeAll({ filter: { categories: ['patient'] } }).subscribe((item) => {
        if (item.kind === 'event') seen.push(item.event.id);
        else caughtUp[i] = true;
      }),
    );
    try {
      for (const started = Date.now(); caughtUp.includes(false) && Date.now() - started < 5000;)
        await new Promise((r) => setTimeout(r, 10));
      const id = randomUUID();
      const started = Date.now();
      await patient.append('patient-1', [{ id, type: 'Woke', data: {} }], { expectedRevision: 'no_stream' });
      while (seen.length < 2 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 5));
      expect(seen).toEqual([id, id]);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      subscriptions.forEach((s) => s.unsubscribe());
      await patient.close();
    }
  });
  it('when a store appends, then another store on the database is woken through NOTIFY, and the appending one once, without its own echo', async () => {
    const other = new PostgresEventStore({
      connectionString: (store as unknown as { options: { connectionString: string } }).options.connectionString,
      pollMs: 500,
    });
    let own = 0;
    let theirs = 0;
    const listening = [store.changes().subscribe(() => own++), other.changes().subscribe(() => theirs++)];
    // The other store's listener is up once it says so (for whatever it missed while connecting); this one's already
    // was.
    for (const started = Date.now(); theirs === 0 && Date.now() - started < 5000;)
      await new Promise((r) => setTimeout(r, 10));
    // The appending store learns within half a second that someone else listens (it was alone in the test before).
    await new Promise((r) => setTimeout(r, 600));
    [own, theirs] = [0, 0];
    await store.append('echo-1', [{ id: randomUUID(), type: 'Echoed', data: {} }], { expectedRevision: 'no_stream' });
    const started = Date.now();
    while (theirs === 0 && Date.now() - started < 2000) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 200));
    listening.forEach((l) => l.unsubscribe());
    await other.close();
    expect(theirs).toBe(1);
    expect(own).toBe(1);
  });

  it('when a store is alone on its database, then it sends no NOTIFY; once another listens, it does', async () => {
    const alone = new PostgresEventStore({ connectionString: await createTestDatabase(), pollMs: 500 });
    const pool = (alone as unknown as { pool: { query: (config: unknown) => Promise<unknown> } }).pool;
    const queries = vi.spyOn(pool, 'query');
    const notifies = () => queries.mock.calls.filter(([q]) => (q as { name?: string }).name === 'gs_notify').length;
    const ownWake = alone.changes().subscribe(() => undefined);
    await alone.append('alone-1', [{ id: randomUUID(), type: 'Alone', data: {} }], { expectedRevision: 'no_stream' });
    await new Promise((r) => setTimeout(r, 100));
    expect(notifies()).toBe(0);

    const other = new PostgresEventStore({
      connectionString: (alone as unknown as { options: { connectionString: string } }).options.connectionString,
      pollMs: 60_000,
    });
    let theirs = 0;
    const listening = other.changes().subscribe(() => theirs++);
    for (const started = Date.now(); theirs === 0 && Date.now() - started < 5000;)
      await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 600)); // the alone store's last answer no longer holds
    theirs = 0;
    await alone.append('alone-2', [{ id: randomUUID(), type: 'Alone', data: {} }], { expectedRevision: 'no_stream' });
    for (const started = Date.now(); theirs === 0 && Date.now() - started < 2000;)
      await new Promise((r) => setTimeout(r, 5));
    listening.unsubscribe();
    ownWake.unsubscribe();
    await other.close();
    await alone.close();
    expect([notifies(), theirs]).toEqual([1, 1]);
  });
});
