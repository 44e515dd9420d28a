import { randomUUID } from 'node:crypto';
import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import { parseEvent, type EventSchemas } from '../domain/shared/events.js';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type JsonObject,
} from '../platform/eventstore/types.js';
import { foldEvents } from './fold-stream.js';
import { FoldedStates } from './folded-states.js';
import { seededEventId } from './ids.js';

/** Who acts, for which program, and as part of which request. */
export interface CommandContext {
  readonly tenantId: string;
  readonly actor: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /**
   * Set when the request carries an Idempotency-Key: the ids of what it creates
   * and of the events it appends derive from it, so a retry finds its first
   * attempt's work instead of doing it again.
   */
  readonly idempotencySeed?: string;
}

export interface CommandResult<State> {
  /** The events appended; empty when the command changed nothing. */
  readonly events: readonly DomainEvent[];
  readonly state: State;
  /** The stream's revision after the command: the resource's version. */
  readonly version: bigint | undefined;
  /** Where the last event stands in the global log, for read-your-writes. */
  readonly position: AppendResult['position'] | undefined;
}

export interface HandleOptions {
  /** The version the client sent (If-Match): a mismatch is reported, never retried. */
  readonly expectedVersion?: bigint;
  readonly maxAttempts?: number;
}

export const SCHEMA_VERSION = 1;

/** The client named a version (If-Match) and the stream is at another: 412, never retried. */
export class StaleVersionError extends Error {
  override readonly name = 'StaleVersionError';
  constructor(
    readonly stream: string,
    readonly expected: bigint,
    readonly actual: bigint | undefined,
  ) {
    super(`${stream} is at version ${actual === undefined ? 'none' : String(actual)}, not ${String(expected)}`);
  }
}

/**
 * Load, decide, append. When the client named no version, a concurrent write is
 * not its business: reload and decide again. When it did, report the conflict.
 */
export async function handleCommand<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  schemas: EventSchemas,
  stream: string,
  command: Command,
  context: CommandContext,
  options: HandleOptions = {},
): Promise<CommandResult<State>> {
  const maxAttempts = options.expectedVersion === undefined ? (options.maxAttempts ?? 12) : 1;
  const folded = FoldedStates.of(store, decider);
  const eventIds = eventIdsFor(context, stream, command);
  for (let attempt = 1; ; attempt++) {
    // A retry of a request whose first attempt appended this command's events: answer as that append did.
    const done = eventIds && (await alreadyDone(store, decider, schemas, stream, eventIds, folded));
    if (done) return done;
    // First, the state this process last saw, without reading the stream: the
    // append's expected revision proves it current. Anything else it decides
    // (nothing to do, a refusal) could come from a state behind the stream, so
    // it is decided again on what the stream holds.
    const known = attempt === 1 ? folded.known<State>(stream) : undefined;
    const optimistic = known !== undefined && (options.expectedVersion === undefined || options.expectedVersion === known.version);
    const { state, version } = optimistic && known ? known : await folded.load(store, decider, schemas, stream);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new StaleVersionError(stream, options.expectedVersion, version);
    }
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
      const result = await store.append(stream, events.map((e, ordinal) => toNewEvent(e, context, eventIds?.(ordinal))), {
        expectedRevision: version ?? 'no_stream',
      });
      const after = events.reduce(decider.evolve, state);
      folded.remember(stream, after, result.nextRevision);
      return { events, state: after, version: result.nextRevision, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Behind what this process remembers: the stream is not what it was (a store reset under a running app).
      const actual = error.actual === 'no_stream' ? undefined : error.actual;
      if (actual === undefined || (version !== undefined && actual < version)) folded.forget(stream);
      // Another write landed between our read and our append: with If-Match that is the client's stale version.
      if (options.expectedVersion !== undefined) throw new StaleVersionError(stream, options.expectedVersion, actual);
      if (optimistic) continue;
      if (attempt >= maxAttempts) throw error;
      // A short random pause spreads racing writers out instead of letting them collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
    }
  }
}

type EventIds = (ordinal: number) => string;

/** Seeded: each event's id names the request, the stream, the command and the event's place in the append. */
function eventIdsFor(context: CommandContext, stream: string, command: unknown): EventIds | undefined {
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
async function alreadyDone<State, Command, Event extends DomainEvent>(
  store: EventStore,
  decider: Decider<State, Command, Event>,
  schemas: EventSchemas,
  stream: string,
  eventIds: EventIds,
  folded: FoldedStates,
): Promise<CommandResult<State> | undefined> {
  if (!(await store.hasEvent(stream, eventIds(0)))) return undefined;
  const recorded = await store.readStream(stream);
  const first = recorded.findIndex((e) => e.id === eventIds(0));
  if (first === -1) return undefined;
  let end = first + 1;
  while (end < recorded.length && recorded[end]!.id === eventIds(end - first)) end++;
  const mine = recorded.slice(first, end);
  const { state, version } = foldEvents(decider, schemas, decider.initialState(), recorded);
  folded.remember(stream, state, version);
  const events = mine.flatMap((e) => {
    const parsed = parseEvent(schemas, e.type, e.data) as Event | undefined;
    return parsed ? [parsed] : [];
  });
  return { events, state, version: mine.at(-1)!.revision, position: mine.at(-1)!.position };
}

function toNewEvent(event: DomainEvent, context: CommandContext, id: string = randomUUID()) {
  const metadata: EventMetadata = {
    tenantId: context.tenantId,
    actor: context.actor,
    schemaVersion: SCHEMA_VERSION,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...(context.causationId ? { causationId: context.causationId } : {}),
  };
  return { id, type: event.type, data: event.data as JsonObject, metadata };
}
