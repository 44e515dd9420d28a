import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import { parseEvent, type EventSchemas } from '../domain/shared/events.js';
import { comparePositions, type Position } from '../platform/eventstore/position.js';
import type { EventStore, RecordedEvent } from '../platform/eventstore/types.js';

type Folding<State, Event extends DomainEvent> = Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>;

/** `state` moved on by the recorded events (those past `upTo` left out), and the version of the last one folded. */
export function foldEvents<State, Event extends DomainEvent>(
  decider: Folding<State, Event>,
  schemas: EventSchemas,
  state: State,
  recorded: readonly RecordedEvent[],
  upTo?: bigint,
): { state: State; version: bigint | undefined } {
  let version: bigint | undefined;
  for (const event of recorded) {
    if (upTo !== undefined && event.revision > upTo) break;
    const parsed = parseEvent(schemas, event.type, event.data) as Event | undefined;
    if (parsed) state = decider.evolve(state, parsed);
    version = event.revision;
  }
  return { state, version };
}

/** A stream folded into its decider's state, with its version (undefined: no such stream), up to `upTo` when given. */
export async function foldStream<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Folding<State, Event>,
  schemas: EventSchemas,
  stream: string,
  upTo?: bigint,
): Promise<{ state: State; version: bigint | undefined }> {
  return foldEvents(decider, schemas, decider.initialState(), await store.readStream(stream), upTo);
}

/** A stream folded into its decider's state as it stood at `position` of the log: a redelivery folds the same. */
export async function foldStreamAt<State, Event extends DomainEvent>(
  store: EventStore,
  decider: Folding<State, Event>,
  schemas: EventSchemas,
  stream: string,
  position: Position,
): Promise<State> {
  const recorded = (await store.readStream(stream)).filter((e) => comparePositions(e.position, position) <= 0);
  return foldEvents(decider, schemas, decider.initialState(), recorded).state;
}
