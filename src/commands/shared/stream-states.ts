import type { Decider, DomainEvent } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { FoldedStates } from '../folded-states.js';

export interface Loaded<State> {
  readonly state: State;
  /** undefined: no such stream. */
  readonly version: bigint | undefined;
}

/**
 * The load step of a command handler: a stream's state, and what the handler
 * tells it back. The folded-state cache is one implementation; the handler
 * only knows this interface.
 */
export interface StreamStates<State> {
  /** What this process last saw of the stream, without reading it: it may be behind. */
  remembered(stream: string): { state: State; version: bigint | undefined } | undefined;
  /** The stream's state as the store holds it now. */
  load(stream: string): Promise<Loaded<State>>;
  /** The stream is at `version` with `state` (after an append, or a fold of the whole stream). */
  saw(stream: string, state: State, version: bigint | undefined): void;
  /** The stream may not be what was remembered (a store reset under a running app). */
  forget(stream: string): void;
}

/** The stream states of one (store, decider): the folded-state cache reads only what is new. */
export function cachedStreamStates<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  schemas: EventSchemas,
): StreamStates<State> {
  const folded = FoldedStates.of(store, decider);
  return {
    remembered: (stream) => folded.known<State>(stream),
    load: (stream) => folded.load(store, decider, schemas, stream),
    saw: (stream, state, version) => folded.remember(stream, state, version),
    forget: (stream) => folded.forget(stream),
  };
}
