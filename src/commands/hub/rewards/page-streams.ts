import { randomUUID } from 'node:crypto';
import type { Decider, DomainEvent } from '../../../domain/shared/decider.js';
import type { EventSchemas } from '../../../domain/shared/events.js';
import type { EventStore, JsonObject, NewEvent, StreamWrite } from '../../../platform/eventstore/types.js';
import { foldEvents } from '../../fold-stream.js';
import { SCHEMA_VERSION, type CommandContext } from '../../shared/command.js';

/**
 * A kind of stream the engine writes: its decider, its schemas, and its rank in a page's write (an offer's total
 * before the rewards it lets complete, those before the points they pay), so that a store that cannot write all
 * streams at once writes a decision's condition before what it decided.
 */
export interface StreamKind<State, Command, Event extends DomainEvent> {
  readonly decider: Decider<State, Command, Event>;
  readonly schemas: EventSchemas;
  readonly rank: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a page holds streams of several kinds
type AnyKind = StreamKind<any, any, any>;

/** A stream's state as the store held it at `version` (undefined: no such stream). */
export interface Known {
  readonly state: unknown;
  readonly version: bigint | undefined;
}

/** Streams read at once while a page's missing states are loaded. */
const IN_FLIGHT = 16;

/**
 * The states of the streams the engine writes, as it last read or wrote them, the least recently used dropped past
 * `capacity`. A state may be behind the store (another engine wrote since): every write names the version it was
 * decided on, so a stale one fails and is read again.
 */
export class KnownStreams {
  private readonly streams = new Map<string, Known>();

  constructor(private readonly capacity = 50_000) {}

  get(stream: string): Known | undefined {
    const known = this.streams.get(stream);
    if (known) {
      this.streams.delete(stream);
      this.streams.set(stream, known);
    }
    return known;
  }

  set(stream: string, known: Known): void {
    this.streams.delete(stream);
    this.streams.set(stream, known);
    if (this.streams.size > this.capacity) this.streams.delete(this.streams.keys().next().value!);
  }

  forget(stream: string): void {
    this.streams.delete(stream);
  }

  /** Reads and folds the streams, `IN_FLIGHT` at a time; answers what it read (also remembered). */
  async load(store: EventStore, streams: ReadonlyMap<string, AnyKind>): Promise<Map<string, Known>> {
    const loaded = new Map<string, Known>();
    const queue = [...streams];
    const reader = async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const [stream, kind] = next;
        const folded = foldEvents(
          kind.decider,
          kind.schemas,
          kind.decider.initialState(),
          await store.readStream(stream),
        );
        loaded.set(stream, folded);
        this.set(stream, folded);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, reader));
    return loaded;
  }
}

interface Touched {
  readonly kind: AnyKind;
  readonly base: Known;
  state: unknown;
  readonly events: NewEvent[];
}

const toNewEvent = ({ type, data }: DomainEvent, { tenantId, actor, causationId }: CommandContext): NewEvent => ({
  id: randomUUID(),
  type,
  data: data as JsonObject,
  metadata: { tenantId, actor, schemaVersion: SCHEMA_VERSION, ...(causationId ? { causationId } : {}) },
});

/**
 * One page of the engine's decisions, made in memory: each stream's state as known, moved on by what the page decided
 * on it. A state not known is either guessed new (the stream does not exist: most streams a page meets are new ones,
 * and the write's `no_stream` proves the guess or fails the write), or noted missing, for the caller to read before it
 * decides the page again. A guess the page writes nothing to proves nothing: `settleGuesses` notes it missing. Once
 * none is missing, `writes()` is every stream's new events at the version they were decided on.
 */
export class PageStreams {
  readonly missing = new Map<string, AnyKind>();
  private readonly touched = new Map<string, Touched>();
  private readonly guessed = new Map<string, AnyKind>();

  constructor(
    private readonly known: KnownStreams,
    /** What the caller read for this page: kept here even if the known streams drop it meanwhile. */
    private readonly read: ReadonlyMap<string, Known> = new Map(),
    /** Whether a stream not known is guessed new rather than noted missing. */
    private readonly guess = false,
  ) {}

  private base(stream: string): Known | undefined {
    const guessed = this.guessed.get(stream);
    if (guessed) return { state: guessed.decider.initialState(), version: undefined };
    return this.read.get(stream) ?? this.known.get(stream);
  }

  /** The stream's state with what the page decided on it; undefined (and noted missing) when it is not known. */
  state<State, Command, Event extends DomainEvent>(
    kind: StreamKind<State, Command, Event>,
    stream: string,
  ): State | undefined {
    const touched = this.touched.get(stream);
    if (touched) return touched.state as State;
    const base = this.base(stream);
    if (base) return base.state as State;
    if (!this.guess) {
      this.missing.set(stream, kind);
      return undefined;
    }
    this.guessed.set(stream, kind);
    return kind.decider.initialState();
  }

  /** The streams guessed new that the page writes nothing to are noted missing: only a write proves a guess. */
  settleGuesses(): void {
    for (const [stream, kind] of this.guessed) if (!this.touched.has(stream)) this.missing.set(stream, kind);
  }

  /** Decides `command` on the stream and keeps its events for the write; undefined when the state is not known. */
  decide<State, Command, Event extends DomainEvent>(
    kind: StreamKind<State, Command, Event>,
    stream: string,
    command: Command,
    context: CommandContext,
  ): { readonly events: readonly Event[]; readonly state: State } | undefined {
    const state = this.state(kind, stream);
    if (state === undefined) return undefined;
    const events = kind.decider.decide(command, state);
    if (events.length === 0) return { events, state };
    const after = events.reduce(kind.decider.evolve, state);
    let touched = this.touched.get(stream);
    if (!touched) this.touched.set(stream, (touched = { kind, base: this.base(stream)!, state, events: [] }));
    touched.state = after;
    touched.events.push(...events.map((e) => toNewEvent(e, context)));
    return { events, state: after };
  }

  /** Every stream's new events at the version they were decided on, by rank (conditions first). */
  writes(): StreamWrite[] {
    return [...this.touched]
      .sort(([, a], [, b]) => a.kind.rank - b.kind.rank)
      .map(([stream, { base, events }]) => ({ stream, events, expectedRevision: base.version ?? 'no_stream' }));
  }

  /** The page's write succeeded: the known states move on to what it decided. */
  written(): void {
    for (const [stream, { base, state, events }] of this.touched)
      this.known.set(stream, { state, version: (base.version ?? -1n) + BigInt(events.length) });
  }
}
