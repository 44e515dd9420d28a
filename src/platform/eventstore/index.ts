import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PostgresEventStore } from './postgres/store.js';
import {
  WrongExpectedRevisionError,
  type AtomicAppendResult,
  type EventStore,
  type NewStream,
  type StreamWrite,
} from './types.js';

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

/**
 * Starts each stream that does not exist yet (as `no_stream` appends), in one write where the store can
 * (store.appendNewStreams), else stream by stream, `inFlight` at a time. Resolves to the streams written.
 */
export async function appendNewStreams(
  store: EventStore,
  writes: readonly NewStream[],
  inFlight = 8,
): Promise<ReadonlySet<string>> {
  if (store.appendNewStreams) return store.appendNewStreams(writes);
  const written = new Set<string>();
  for (let from = 0; from < writes.length; from += inFlight)
    await Promise.all(
      writes.slice(from, from + inFlight).map(async ({ stream, events }) => {
        try {
          await store.append(stream, events, { expectedRevision: 'no_stream' });
          written.add(stream);
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
        }
      }),
    );
  return written;
}

/**
 * Appends to several streams all or nothing where the store can (store.appendAtomically); else stream by stream in
 * the order given, so a failure part way leaves the first ones written (callers put their deciding write last).
 */
export async function appendAtomically(
  store: EventStore,
  writes: readonly StreamWrite[],
): Promise<AtomicAppendResult | undefined> {
  if (store.appendAtomically) return store.appendAtomically(writes);
  let landed: AtomicAppendResult | undefined;
  const revisions = new Map<string, bigint>();
  for (const { stream, events, expectedRevision } of writes) {
    if (events.length === 0) continue;
    const result = await store.append(stream, events, { expectedRevision });
    revisions.set(stream, result.nextRevision);
    landed = { position: result.position, revisions };
  }
  return landed;
}
