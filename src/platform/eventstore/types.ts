import type { Observable } from 'rxjs';
import type { Position } from './position.js';

export type { Position } from './position.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface EventMetadata {
  readonly tenantId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: string;
  readonly schemaVersion?: number;
  readonly [key: string]: JsonValue | undefined;
}

/** An event about to be appended. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: EventMetadata;
}

/** An event as stored, with where it stands in its stream and in the global log. */
export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly createdAt: Date;
}

export type ExpectedRevision = 'no_stream' | 'any' | bigint;

/** Events for a stream at its expected revision (appendAtomically). */
export interface StreamWrite {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: bigint | 'no_stream';
}

/** Where an all-or-nothing write landed (appendAtomically). */
export interface AtomicAppendResult {
  /** Global position of the last event written: what a read-your-writes wait waits for. */
  readonly position: Position;
  /** Each stream written, at its new revision. */
  readonly revisions: ReadonlyMap<string, bigint>;
}

/** A stream to start with its first events (appendNewStreams). */
export interface NewStream {
  readonly stream: string;
  readonly events: readonly NewEvent[];
}

export interface AppendResult {
  /** Revision of the last event written: the stream's version. */
  readonly nextRevision: bigint;
  /** Global position of the last event written. */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Stream categories: the part of the stream name before the first dash. */
  readonly categories?: readonly string[];
  readonly eventTypes?: readonly string[];
  /** Only the events whose metadata names this tenant (program): how a program replays its own history. */
  readonly tenantId?: string;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omitted: from the start. */
  readonly from?: Position;
  readonly filter?: EventFilter;
  readonly maxCount?: number;
}

/**
 * An event whose data and metadata stay the JSON text the store holds, and its time the ISO text: a reader that only
 * passes them on (a replay) skips parsing and printing them again.
 */
export interface RecordedEventJson extends Omit<RecordedEvent, 'data' | 'metadata' | 'createdAt'> {
  readonly dataJson: string;
  readonly metadataJson: string;
  /** ISO 8601 in UTC, milliseconds: sorts like the time. */
  readonly createdAt: string;
}

export interface ReadAllJsonPage extends Omit<ReadAllPage, 'events'> {
  readonly events: RecordedEventJson[];
}

export interface ReadAllPage {
  readonly events: RecordedEvent[];
  /**
   * Where the next page starts (exclusive). With a filter this can lie past the
   * last event returned: the store has looked that far and found nothing else.
   */
  readonly next: Position;
  /** True when nothing more was visible at the time of the read. */
  readonly isEnd: boolean;
  /**
   * At the end, the read stopped at a transaction that had already ended when it was read: what that held back is
   * visible to a read made now, so a reader reads again at once instead of waiting for a wake-up or a poll.
   */
  readonly heldBack?: boolean;
}

export type SubscriptionItem =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Everything up to `position` has been delivered (emitted on catching up and while idle). */
  | { readonly kind: 'checkpoint'; readonly position: Position; readonly caughtUp: boolean };

export interface SubscribeOptions {
  readonly from?: Position;
  readonly filter?: EventFilter;
}

export interface EventStore {
  readonly kind: 'postgres' | 'eventstoredb';
  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** The stream's events in order; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Whether the stream holds the event with this id: how a retried request finds what its first attempt appended. */
  hasEvent(stream: string, eventId: string): Promise<boolean>;
  readAll(options?: ReadAllOptions): Promise<ReadAllPage>;
  /**
   * Starts many streams in one write, each as an append with `no_stream` would: a stream that exists already is left
   * as it is (not an error). Resolves to the streams written. A store without it is appended stream by stream
   * (`appendNewStreams` in eventstore/index.ts).
   */
  appendNewStreams?(writes: readonly NewStream[]): Promise<ReadonlySet<string>>;
  /**
   * Appends to several streams at once, all or nothing: each at its expected revision (a number or `no_stream`), as
   * `append` would. One that is not where it is expected fails the whole write (WrongExpectedRevisionError). A store
   * without it is appended stream by stream, in order (`appendAtomically` in eventstore/index.ts): not atomic.
   * Answers where the write landed; undefined when the writes held no event.
   */
  appendAtomically?(writes: readonly StreamWrite[]): Promise<AtomicAppendResult | undefined>;
  /** readAll with data and metadata as JSON text; a store that holds them parsed leaves it out. */
  readAllJson?(options?: ReadAllOptions): Promise<ReadAllJsonPage>;
  /** Catch-up from `from`, then live. Unsubscribing stops it. */
  subscribeAll(options?: SubscribeOptions): Observable<SubscriptionItem>;
  /** Emits whenever new events may have become visible: a wake-up hint, never the events themselves. */
  changes(): Observable<void>;
  /** The position of the newest event visible to readers (START when empty). */
  headPosition(): Promise<Position>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, found ${String(actual)}`);
  }
}

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

/**
 * The PostgreSQL application_name of a session that never appends events: every
 * connection of the read models' pool (createKnex) carries it, and a rebuild's
 * long transaction sets it too. The store's readers need not wait for such a
 * session's transaction to end.
 */
export const READ_MODEL_ONLY = 'goodstream read-model rebuild';
