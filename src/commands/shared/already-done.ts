import type { Decider, DomainEvent } from '../../domain/shared/decider.js';
import { parseEvent, type EventSchemas } from '../../domain/shared/events.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { foldEvents } from '../fold-stream.js';
import { seededEventId } from '../ids.js';
import type { CommandContext, CommandResult } from './command.js';
import type { StreamStates } from './stream-states.js';

export type EventIds = (ordinal: number) => string;

/** Seeded: each event's id names the request, the stream, the command and the event's place in the append. */
export function eventIdsFor(context: CommandContext, stream: string, command: unknown): EventIds | undefined {
  const seed = context.idempotencySeed;
  if (seed === undefined) return undefined;
  const type = typeof command === 'object' && command !== null && 'type' in command ? String(command.type) : '';
  return (ordinal) => seededEventId(seed, stream, type, ordinal);
}

/**
 * The result of this command's earlier append when the stream holds its first
 * event: that append's events, version and position, with the stream's current
 * state. Nothing is decided or appended again.
 */
export async function alreadyDone<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  schemas: EventSchemas,
  stream: string,
  eventIds: EventIds,
  states: StreamStates<State>,
): Promise<CommandResult<State> | undefined> {
  if (!(await store.hasEvent(stream, eventIds(0)))) return undefined;
  const recorded = await store.readStream(stream);
  const first = recorded.findIndex((e) => e.id === eventIds(0));
  if (first === -1) return undefined;
  let end = first + 1;
  while (end < recorded.length && recorded[end]!.id === eventIds(end - first)) end++;
  const mine = recorded.slice(first, end);
  const { state, version } = foldEvents(decider, schemas, decider.initialState(), recorded);
  states.saw(stream, state, version);
  const events = mine.flatMap((e) => {
    const parsed = parseEvent(schemas, e.type, e.data) as Event | undefined;
    return parsed ? [parsed] : [];
  });
  return { events, state, version: mine.at(-1)!.revision, position: mine.at(-1)!.position };
}
