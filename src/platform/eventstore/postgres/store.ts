import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { merge, Subject, type Observable, type Subscription } from 'rxjs';
import { CONNECT_TIMEOUT_MS } from '../../db.js';
import { pagedSubscription } from '../paging.js';
import { START, type Position } from '../position.js';
import {
  categoryOf,
  WrongExpectedRevisionError,
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
import { CoalescingNotifier, notifications } from './notifier.js';
import { toRecordedEvent, toRecordedEventJson, type EventJsonRow, type EventRow } from './rows.js';
import * as multiStream from './multi-stream.js';
import * as sql from './sql.js';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  readonly poolSize?: number;
  readonly pollMs?: number;
  /** How long a connection, or a free one from the pool, may take before the statement fails. */
  readonly connectTimeoutMs?: number;
  readonly onError?: (error: Error) => void;
}

interface AppendRow {
  revision: string;
  txid: string;
  seq: string;
}

const CHANNEL = 'gs_events';
const UNIQUE_VIOLATION = '23505';
const MAX_ANY_ATTEMPTS = 20;

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
    this.notifier = new CoalescingNotifier(
      () => this.pool.query({ name: 'gs_notify', text: 'select pg_notify($1, $2)', values: [CHANNEL, instance] }),
      onError,
    );
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError('append needs at least one event');
    const { expectedRevision } = options;
    const values: unknown[] = [
      stream,
      categoryOf(stream),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata ?? {})),
    ];
    let statement = { name: 'gs_append_any', text: sql.appendAny };
    if (expectedRevision === 'no_stream') statement = { name: 'gs_append_no_stream', text: sql.appendNoStream };
    else if (typeof expectedRevision === 'bigint') {
      statement = { name: 'gs_append_exact', text: sql.appendExact };
      values.push(expectedRevision.toString());
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<AppendRow>({ ...statement, values });
        const row = rows[0];
        if (!row) return await this.alreadyAppended(stream, events, expectedRevision);
        this.announce();
        return { nextRevision: BigInt(row.revision), position: { commit: BigInt(row.txid), prepare: BigInt(row.seq) } };
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        // With "any" a racing writer took our revision: take the next one.
        if (expectedRevision === 'any' && attempt < MAX_ANY_ATTEMPTS && !(await this.anyExist(events))) continue;
        return await this.alreadyAppended(stream, events, expectedRevision);
      }
    }
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
    return { pool: this.pool, currentRevision: (stream) => this.currentRevision(stream) };
  }

  /** New events are committed: wake this process's readers now, and the others' through the NOTIFY. */
  private announce(): void {
    this.notifier.notify();
    this.local.next();
  }

  private async anyExist(events: readonly NewEvent[]): Promise<boolean> {
    const { rows } = await this.pool.query({
      name: 'gs_events_by_id',
      text: sql.eventsById,
      values: [events.map((e) => e.id)],
    });
    return rows.length > 0;
  }

  /** Appending the same event ids again is a retry: answer as the first append did, as EventStoreDB does. */
  private async alreadyAppended(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const { rows } = await this.pool.query<{ stream_name: string; revision: string; txid: string; seq: string }>({
      name: 'gs_events_by_id',
      text: sql.eventsById,
      values: [events.map((e) => e.id)],
    });
    const last = rows.at(-1);
    if (rows.length !== events.length || !last || rows.some((r) => r.stream_name !== stream)) {
      throw new WrongExpectedRevisionError(stream, expected, await this.currentRevision(stream));
    }
    return { nextRevision: BigInt(last.revision), position: { commit: BigInt(last.txid), prepare: BigInt(last.seq) } };
  }

  private async currentRevision(stream: string): Promise<bigint | 'no_stream'> {
    const { rows } = await this.pool.query<{ revision: string | null }>(sql.streamRevision, [stream]);
    const revision = rows[0]?.revision;
    return revision === null || revision === undefined ? 'no_stream' : BigInt(revision);
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
    return this.readPage(options, false, (row: EventRow) => toRecordedEvent(row));
  }

  async readAllJson(options: ReadAllOptions = {}): Promise<ReadAllJsonPage> {
    return this.readPage(options, true, (row: EventJsonRow) => toRecordedEventJson(row));
  }

  private async readPage<Row, E extends { position: Position }>(
    options: ReadAllOptions,
    asJsonText: boolean,
    toEvent: (row: Row) => E,
  ): Promise<{ events: E[]; next: Position; isEnd: boolean }> {
    const from = options.from ?? START;
    const maxCount = options.maxCount ?? 1000;
    const categories = options.filter?.categories;
    const eventTypes = options.filter?.eventTypes;
    const tenantId = options.filter?.tenantId;
    const shape = {
      categories: categories !== undefined,
      eventTypes: eventTypes !== undefined,
      tenantId: tenantId !== undefined,
    };
    const name = `gs_read_all_${Number(shape.categories)}${Number(shape.eventTypes)}${Number(shape.tenantId)}${asJsonText ? 'j' : ''}`;
    const params: unknown[] = [from.commit.toString(), from.prepare.toString(), maxCount];
    if (categories) params.push(categories);
    if (eventTypes) params.push(eventTypes);
    if (tenantId !== undefined) params.push(tenantId);
    const { rows } = await this.pool.query<{ horizon: string; seq: string | null }>({
      name,
      text: sql.readAllSql(shape, asJsonText),
      values: params,
    });
    const events = rows.filter((r) => r.seq !== null).map((r) => toEvent(r as Row));
    const isEnd = events.length < maxCount;
    const last = events.at(-1)?.position ?? from;
    const horizon = BigInt(rows[0]?.horizon ?? '0');
    // Everything below the horizon has been scanned when the page is not full.
    const next: Position = isEnd && horizon > last.commit ? { commit: horizon, prepare: 0n } : last;
    return { events, next, isEnd };
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
