import { EMPTY, type Observable } from 'rxjs';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscriptionItem,
} from '../../../src/platform/eventstore/types.js';
import { START } from '../../../src/platform/eventstore/position.js';

/** Just enough of an event store for a command handler, in memory, counting appends. */
export class MemoryStore implements EventStore {
  readonly kind = 'postgres' as const;
  readonly streams = new Map<string, RecordedEvent[]>();
  appends = 0;
  private seq = 0n;

  append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const current = this.streams.get(stream) ?? [];
    const actual = current.length === 0 ? 'no_stream' : BigInt(current.length - 1);
    const expected = options.expectedRevision;
    if (expected !== 'any' && expected !== actual)
      return Promise.reject(new WrongExpectedRevisionError(stream, expected, actual));
    this.appends++;
    const recorded = events.map((e, i): RecordedEvent => {
      this.seq++;
      return {
        id: e.id,
        type: e.type,
        streamName: stream,
        revision: BigInt(current.length + i),
        position: { commit: 1n, prepare: this.seq },
        data: e.data,
        metadata: e.metadata ?? {},
        createdAt: new Date(0),
      };
    });
    this.streams.set(stream, [...current, ...recorded]);
    const last = recorded.at(-1)!;
    return Promise.resolve({ nextRevision: last.revision, position: last.position });
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Number(options.fromRevision ?? 0n);
    return Promise.resolve(
      (this.streams.get(stream) ?? []).slice(
        from,
        options.maxCount === undefined ? undefined : from + options.maxCount,
      ),
    );
  }

  hasEvent(stream: string, eventId: string): Promise<boolean> {
    return Promise.resolve((this.streams.get(stream) ?? []).some((e) => e.id === eventId));
  }

  readAll(): Promise<ReadAllPage> {
    return Promise.resolve({ events: [], next: START, isEnd: true });
  }
  subscribeAll(): Observable<SubscriptionItem> {
    return EMPTY;
  }
  changes(): Observable<void> {
    return EMPTY;
  }
  headPosition() {
    return Promise.resolve(START);
  }
  ping(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
