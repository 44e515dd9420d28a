import { randomUUID } from 'node:crypto';
import type { Decider, DomainEvent } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type JsonObject,
  type NewEvent,
} from '../../platform/eventstore/types.js';
import { alreadyDone, eventIdsFor } from './already-done.js';
import { SCHEMA_VERSION, StaleVersionError, type CommandContext, type CommandResult } from './command.js';
import type { StreamStates } from './stream-states.js';

/** Attempts of a command whose client named no version, when writers keep racing it. */
export const DEFAULT_MAX_ATTEMPTS = 12;

export interface OnStream<State, Command, Event extends DomainEvent> {
  readonly store: EventStore;
  readonly decider: Decider<State, Command, Event>;
  readonly schemas: EventSchemas;
  readonly states: StreamStates<State>;
  readonly stream: string;
  readonly context: CommandContext;
  /** The version the client sent (If-Match): a mismatch is reported, never retried. */
  readonly expectedRevision?: bigint | undefined;
  readonly maxAttempts?: number | undefined;
  /** The stream cannot exist yet: its first attempt decides on the initial state without reading it. */
  readonly newStream?: boolean | undefined;
}

/**
 * Load, decide, append. When the client named no version, a concurrent write is
 * not its business: reload and decide again. When it did, report the conflict.
 */
export async function handleOnStream<State, Command, Event extends DomainEvent>(
  on: OnStream<State, Command, Event>,
  command: Command,
): Promise<CommandResult<State>> {
  const { store, decider, states, stream, context, expectedRevision } = on;
  const maxAttempts = expectedRevision === undefined ? (on.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) : 1;
  const eventIds = eventIdsFor(context, stream, command);
  for (let attempt = 1; ; attempt++) {
    // A retry of a request whose first attempt appended this command's events: answer as that append did.
    const done = eventIds && (await alreadyDone(store, decider, on.schemas, stream, eventIds, states));
    if (done) return done;
    // First, the state this process last saw, without reading the stream: the
    // append's expected revision proves it current. Anything else it decides
    // (nothing to do, a refusal) could come from a state behind the stream, so
    // it is decided again on what the stream holds.
    const known =
      attempt !== 1
        ? undefined
        : on.newStream
          ? { state: decider.initialState(), version: undefined }
          : states.remembered(stream);
    const optimistic = known !== undefined && (expectedRevision === undefined || expectedRevision === known.version);
    const { state, version } = optimistic && known ? known : await states.load(stream);
    if (expectedRevision !== undefined && expectedRevision !== version)
      throw new StaleVersionError(stream, expectedRevision, version);
    let events: Event[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      if (optimistic) continue;
      throw error;
    }
    if (events.length === 0) {
      if (optimistic) continue;
      return { events, state, version, position: undefined };
    }
    try {
      const result = await store.append(
        stream,
        events.map((e, ordinal) => toNewEvent(e, context, eventIds?.(ordinal))),
        {
          expectedRevision: version ?? 'no_stream',
        },
      );
      const after = events.reduce(decider.evolve, state);
      states.saw(stream, after, result.nextRevision);
      return { events, state: after, version: result.nextRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Behind what this process remembers: the stream is not what it was (a store reset under a running app).
      const actual = error.actual === 'no_stream' ? undefined : error.actual;
      if (actual === undefined || (version !== undefined && actual < version)) states.forget(stream);
      // Another write landed between our read and our append: with If-Match that is the client's stale version.
      if (expectedRevision !== undefined) throw new StaleVersionError(stream, expectedRevision, actual);
      if (optimistic) continue;
      if (attempt >= maxAttempts) throw error;
      // A short random pause spreads racing writers out instead of letting them collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
    }
  }
}

/** A decided event as the store takes it: the context's tenant, actor and ids in its metadata. */
export function toNewEvent(event: DomainEvent, context: CommandContext, id: string = randomUUID()): NewEvent {
  const metadata: EventMetadata = {
    tenantId: context.tenantId,
    actor: context.actor,
    schemaVersion: SCHEMA_VERSION,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...(context.causationId ? { causationId: context.causationId } : {}),
  };
  return { id, type: event.type, data: event.data as JsonObject, metadata };
}
