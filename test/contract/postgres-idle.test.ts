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

  it('polls at its interval instead of spinning, and still wakes at once for a new event', async () => {
    const reads = vi.spyOn(store, 'readAll');
    const seen: string[] = [];
    const subscriptions = [0, 1].map(() =>
      store.subscribeAll({ filter: { categories: ['idle'] } }).subscribe((item) => item.kind === 'event' && seen.push(item.event.id)),
    );
    await new Promise((r) => setTimeout(r, 2000));
    // Two subscribers at one poll every 500 ms, plus the first reads and the listener's start-up wake-up.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(16);

    const id = randomUUID();
    const started = Date.now();
    await store.append('idle-1', [{ id, type: 'Woke', data: {} }], { expectedRevision: 'no_stream' });
    while (seen.length < 2 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([id, id]);
    expect(Date.now() - started).toBeLessThan(450);
    subscriptions.forEach((s) => s.unsubscribe());
  });
});
