import type { Knex } from 'knex';
import { createKnex } from '../../src/platform/db.js';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { createLogger, type Logger } from '../../src/platform/logger.js';
import { createTestDatabase } from './db.js';

export interface TestInfra {
  readonly url: string;
  readonly knex: Knex;
  readonly store: PostgresEventStore;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** A fresh database with the PostgreSQL event store and a knex on it. */
export async function openTestInfra(): Promise<TestInfra> {
  const url = await createTestDatabase();
  const knex = createKnex(url);
  const store = new PostgresEventStore({ connectionString: url, pollMs: 50 });
  return {
    url,
    knex,
    store,
    logger: createLogger('silent'),
    async close() {
      await store.close();
      await knex.destroy();
    },
  };
}

export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}
