import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  isCommandError,
  jsonEvent,
  START as CLIENT_START,
  type AllStreamResolvedEvent,
  type CommandError,
  type ReadStreamOptions as ClientReadStreamOptions,
} from '@eventstore/db-client';
import { Observable, ReplaySubject, retry, share, takeUntil } from 'rxjs';
import { isAfter, START, type Position } from '../position.js';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionItem,
} from '../types.js';
import { eventPredicate, isSystemEvent, toClientExpectedRevision, toReadPosition, toRecordedEvent } from './mapping.js';
import { scanAll } from './scan.js';
import { subscribeToAll } from './subscription.js';

export interface EsdbEventStoreOptions {
  readonly connectionString: string;
}

const DEFAULT_MAX_COUNT = 1000;
const MIN_CHUNK = 500;
const MAX_CHUNK = 4096;
const HEAD_CHUNK = 100;
const PING_TIMEOUT_MS = 5000;
const RECONNECT_MS = 1000;

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

function isErrorOfType<T extends ErrorType>(error: unknown, type: T): error is Extract<CommandError, { type: T }> {
  return error instanceof Error && isCommandError(error) && error.type === type;
}

export class EsdbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly client: EventStoreDBClient;
  // Replays, so that nothing started after close() opens a subscription on the disposed client.
  private readonly closing = new ReplaySubject<void>(1);
  private readonly wakeups: Observable<void>;

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.wakeups = new Observable<void>((subscriber) => {
      const live = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
      live.on('data', () => subscriber.next());
      live.on('error', (error: Error) => subscriber.error(error));
      live.on('end', () => subscriber.error(new Error('EventStoreDB live subscription ended')));
      return () => {
        live.unsubscribe().catch(() => undefined);
      };
    }).pipe(
      // Only a wake-up hint, and readers poll as well: a dropped live subscription just reconnects.
      retry({ delay: RECONNECT_MS }),
      takeUntil(this.closing),
      share(),
    );
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const { expectedRevision } = options;
    const proposed = events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata }));
    const result = await this.client
      .appendToStream(stream, proposed, { expectedRevision: toClientExpectedRevision(expectedRevision) })
      .catch((error: unknown) => {
        if (isErrorOfType(error, ErrorType.WRONG_EXPECTED_VERSION)) {
          throw new WrongExpectedRevisionError(stream, expectedRevision, error.actualVersion);
        }
        throw error;
      });
    // With throwOnAppendFailure=false in the connection string the client reports a conflict instead of throwing.
    if (!result.success)
      throw new WrongExpectedRevisionError(stream, expectedRevision, await this.currentRevision(stream));
    const nextRevision = result.nextExpectedRevision;
    // An idempotent retry of an earlier append can come back without a position: the event itself has it.
    const position = result.position ?? (await this.positionOf(stream, nextRevision));
    return { nextRevision, position: { commit: position.commit, prepare: position.prepare } };
  }

  private async currentRevision(stream: string): Promise<bigint | 'no_stream'> {
    const [last] = await this.readStreamOrEmpty(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last?.revision ?? 'no_stream';
  }

  private async positionOf(stream: string, revision: bigint): Promise<Position> {
    const [event] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new Error(`EventStoreDB reported ${stream}@${revision} as written but it cannot be read`);
    return event.position;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    return this.readStreamOrEmpty(stream, {
      direction: FORWARDS,
      fromRevision: options.fromRevision ?? CLIENT_START,
      maxCount: options.maxCount,
    });
  }

  private async readStreamOrEmpty(stream: string, options: ClientReadStreamOptions): Promise<RecordedEvent[]> {
    try {
      const read = await collect(this.client.readStream(stream, options));
      return read.flatMap((resolved) => (resolved.event ? [toRecordedEvent(resolved.event)] : []));
    } catch (error) {
      if (isErrorOfType(error, ErrorType.STREAM_NOT_FOUND)) return [];
      throw error;
    }
  }

  /** From the newest event back: a retry looks for what it appended moments ago. */
  async hasEvent(stream: string, eventId: string): Promise<boolean> {
    try {
      for await (const resolved of this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END })) {
        if (resolved.event?.id === eventId) return true;
      }
      return false;
    } catch (error) {
      if (isErrorOfType(error, ErrorType.STREAM_NOT_FOUND)) return false;
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    const maxCount = options.maxCount ?? DEFAULT_MAX_COUNT;
    return scanAll((from, count) => this.readChunk(from, count), {
      from: options.from,
      accepts: eventPredicate(options.filter),
      maxCount,
      chunkSize: Math.min(Math.max(maxCount + 1, MIN_CHUNK), MAX_CHUNK),
    });
  }

  private readChunk(from: Position | undefined, count: number): Promise<AllStreamResolvedEvent[]> {
    return collect(this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(from), maxCount: count }));
  }

  subscribeAll(options: SubscribeOptions = {}): Observable<SubscriptionItem> {
    return subscribeToAll((o) => this.client.subscribeToAll(o), options).pipe(takeUntil(this.closing));
  }

  changes(): Observable<void> {
    return this.wakeups;
  }

  async headPosition(): Promise<Position> {
    let before: Position | undefined;
    for (;;) {
      const chunk = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: before ?? END, maxCount: HEAD_CHUNK }),
      );
      let moved = false;
      for (const { event } of chunk) {
        // Skips the start in case a backwards read includes it.
        if (!event || (before !== undefined && !isAfter(before, event.position))) continue;
        before = event.position;
        moved = true;
        if (!isSystemEvent(event)) return { commit: event.position.commit, prepare: event.position.prepare };
      }
      if (chunk.length < HEAD_CHUNK) return START;
      if (!moved)
        throw new Error('EventStoreDB returned a full backwards chunk of $all without moving past its start position');
    }
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    // $all reads run without a deadline in the client, so a hung server would hang the ping.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`EventStoreDB did not answer within ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([collect(read), timeout]);
    } catch (error) {
      await read.cancel().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closing.next();
    this.closing.complete();
    await this.client.dispose();
  }
}
