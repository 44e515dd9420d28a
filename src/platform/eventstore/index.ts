import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PostgresEventStore } from './postgres/store.js';
import type { EventStore } from './types.js';

/** EventStoreDB when EVENTSTORE_URL is set, else the PostgreSQL store in the app's database. */
export async function createEventStore(
  config: Pick<Config, 'DATABASE_URL' | 'EVENTSTORE_URL' | 'POLL_INTERVAL_MS'>,
  logger: Logger,
): Promise<EventStore> {
  if (config.EVENTSTORE_URL) {
    const { EsdbEventStore } = await import('./esdb/store.js');
    return new EsdbEventStore({ connectionString: config.EVENTSTORE_URL });
  }
  return new PostgresEventStore({
    connectionString: config.DATABASE_URL,
    pollMs: config.POLL_INTERVAL_MS,
    onError: (err) => logger.warn({ err }, 'event store connection error'),
  });
}
