import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import type { EventSchemas } from '../domain/shared/events.js';
import type { EventStore } from '../platform/eventstore/types.js';
import { foldEvents } from './fold-stream.js';

interface Folded {
  readonly state: unknown;
  /** undefined: the stream did not exist when last read (a new order's stream is read, then appended to at once). */
  readonly version: bigint | undefined;
}

/** Streams remembered per store and decider; the least recently used go first. */
const MAX_STREAMS = 10_000;

/**
 * States already folded from a stream's events, so that a command reads and
 * folds only what was appended since (by anyone) instead of the whole stream:
 * a member's stream grows with every profile change. Events never change, and a
 * state is a pure fold of them, so a remembered state is always a true prefix;
 * the append's expected revision still guards every write.
 */
export class FoldedStates {
  private static readonly byStore = new WeakMap<EventStore, WeakMap<object, Map<string, Folded>>>();

  private constructor(private readonly streams: Map<string, Folded>) {}

  static of(store: EventStore, decider: object): FoldedStates {
    let byDecider = FoldedStates.byStore.get(store);
    if (!byDecider) FoldedStates.byStore.set(store, (byDecider = new WeakMap<object, Map<string, Folded>>()));
    let streams = byDecider.get(decider);
    if (!streams) byDecider.set(decider, (streams = new Map<string, Folded>()));
    return new FoldedStates(streams);
  }

  /** What this process last folded from the stream, without reading it: it may be behind. */
  known<State>(stream: string): { state: State; version: bigint | undefined } | undefined {
    const known = this.streams.get(stream);
    return known && { state: known.state as State, version: known.version };
  }

  /** The stream's state and version (undefined: no such stream), reading only what is new. */
  async load<State, Command, Event extends DomainEvent>(
    store: EventStore,
    decider: Decider<State, Command, Event>,
    schemas: EventSchemas,
    stream: string,
  ): Promise<{ state: State; version: bigint | undefined }> {
    const known = this.streams.get(stream);
    const from = known?.version;
    const recorded = await store.readStream(stream, from !== undefined ? { fromRevision: from + 1n } : undefined);
    const start = from !== undefined ? (known!.state as State) : decider.initialState();
    const folded = foldEvents(decider, schemas, start, recorded);
    const version = folded.version ?? known?.version;
    this.remember(stream, folded.state, version);
    return { state: folded.state, version };
  }

  remember(stream: string, state: unknown, version: bigint | undefined): void {
    this.streams.delete(stream);
    this.streams.set(stream, { state, version });
    if (this.streams.size > MAX_STREAMS) this.streams.delete(this.streams.keys().next().value!);
  }

  /** After a conflict the stream may not be what was remembered (a store reset under a running app): read it whole. */
  forget(stream: string): void {
    this.streams.delete(stream);
  }
}
