import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { merge, Subject, type Observable, type Subscription } from 'rxjs';
import { CONNECT_TIMEOUT_MS } from '../../db.js';
import { pagedSubscription } from '../paging.js';
import { START, type Position } from '../position.js';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type NewStream,
  type StreamWrite,
  type AtomicAppendResult,
  type ReadAllJsonPage,
  type ReadAllOptions,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionItem,
} from '../types.js';
import { OtherListeners } from './listeners.js';
import { CoalescingNotifier, notifications } from './notifier.js';
import { toRecordedEvent, toRecordedEventJson, type EventJsonRow, type EventRow } from './rows.js';
import * as multiStream from './multi-stream.js';
import * as sql from './sql.js';
import { readPage } from './read-page.js';
import { appendToStream, currentRevision } from './single-stream.js';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  readonly poolSize?: number;
  readonly pollMs?: number;
  /** How long a connection, or a free one from the pool, may take before the statement fails. */
  readonly connectTimeoutMs?: number;
  readonly onError?: (error: Error) => void;
}

const CHANNEL = 'gs_events';

export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly wakeups: Observable<void>;
  private readonly local = new Subject<void>();
  /** One LISTEN connection for the store's lifetime: waiters come and go every page, the connection must not. */
  private readonly notified = new Subject<void>();
  private listener: Subscription | undefined;
  private readonly notifier: CoalescingNotifier;
  private readonly listen: () => void;

  constructor(private readonly options: PostgresEventStoreOptions) {
    const onError = options.onError ?? (() => undefined);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      // An idle open transaction anywhere holds the read horizon back for everyone.
      options: '-c idle_in_transaction_session_timeout=10000',
      // Bounds both a new connection and the wait for a free one: an append fails fast while PostgreSQL is away.
      connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    });
    // An idle client whose connection drops: the pool discards it and the next query connects anew.
    this.pool.on('error', onError);
    this.wakeups = merge(this.local, this.notified);
    // Names this store's own NOTIFYs, which its listener can then leave out.
    const instance = randomUUID();
    this.listen = () => {
      this.listener ??= notifications(options.connectionString, CHANNEL, onError, instance).subscribe(this.notified);
    };
    const others = new OtherListeners(this.pool, instance);
    this.notifier = new CoalescingNotifier(async () => {
      if (await others.any())
        await this.pool.query({ name: 'gs_notify', text: 'select pg_notify($1, $2)', values: [CHANNEL, instance] });
    }, onError);
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const result = await appendToStream(this.pool, stream, events, options.expectedRevision);
    this.announce();
    return result;
  }

  /** Starts every stream not there yet in one write (multi-stream.ts); answers the streams written. */
  async appendNewStreams(writes: readonly NewStream[]): Promise<ReadonlySet<string>> {
    const written = await multiStream.appendNewStreams(this.multiStreamDeps, writes);
    if (written.size > 0) this.announce();
    return written;
  }

  /** Several streams at their expected revisions, all or nothing (multi-stream.ts). */
  async appendAtomically(writes: readonly StreamWrite[]): Promise<AtomicAppendResult | undefined> {
    const landed = await multiStream.appendAtomically(this.multiStreamDeps, writes);
    if (landed) this.announce();
    return landed;
  }

  private get multiStreamDeps(): multiStream.MultiStreamDeps {
    return { pool: this.pool, currentRevision: (stream) => currentRevision(this.pool, stream) };
  }

  /** New events are committed: wake this process's readers now, and the others' through the NOTIFY. */
  private announce(): void {
    this.notifier.notify();
    this.local.next();
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'gs_read_stream',
      text: sql.readStream,
      values: [stream, (options.fromRevision ?? 0n).toString(), options.maxCount ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  async hasEvent(stream: string, eventId: string): Promise<boolean> {
    const { rows } = await this.pool.query({
      name: 'gs_event_in_stream',
      text: sql.eventInStream,
      values: [eventId, stream],
    });
    return rows.length > 0;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllPage> {
    return readPage(this.pool, options, false, (row: EventRow) => toRecordedEvent(row));
  }

  async readAllJson(options: ReadAllOptions = {}): Promise<ReadAllJsonPage> {
    return readPage(this.pool, options, true, (row: EventJsonRow) => toRecordedEventJson(row));
  }

  subscribeAll(options: SubscribeOptions = {}): Observable<SubscriptionItem> {
    this.listen();
    return pagedSubscription(this, this.wakeups, { ...options, pollMs: this.options.pollMs });
  }

  changes(): Observable<void> {
    this.listen();
    return this.wakeups;
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ txid: string; seq: string }>(sql.headPosition);
    const row = rows[0];
    return row ? { commit: BigInt(row.txid), prepare: BigInt(row.seq) } : START;
  }

  async ping(): Promise<void> {
    await this.pool.query('select 1');
  }

  async close(): Promise<void> {
    this.listener?.unsubscribe();
    this.local.complete();
    await this.notifier.close();
    await this.pool.end();
  }
}
