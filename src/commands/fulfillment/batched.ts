import { randomUUID } from 'node:crypto';
import type { Decider, DomainEvent } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import { WrongExpectedRevisionError, type EventStore, type JsonObject } from '../../platform/eventstore/types.js';
import { eventIdsFor } from '../shared/already-done.js';
import { SCHEMA_VERSION, type CommandContext, type CommandResult } from '../shared/command.js';
import { cachedStreamStates, type StreamStates } from '../shared/stream-states.js';

interface Waiting<State, Command> {
  readonly command: Command;
  readonly context: CommandContext;
  readonly resolve: (result: CommandResult<State>) => void;
  readonly reject: (error: unknown) => void;
}

type Decided<State, Command, Event> = Waiting<State, Command> &
  ({ readonly events: readonly Event[]; readonly state: State } | { readonly error: unknown });

export interface Batched<State, Command> {
  /** Decides `command` on the stream with the others waiting for it, and appends their events together. */
  handle(store: EventStore, id: string, command: Command, context: CommandContext): Promise<CommandResult<State>>;
}

/**
 * Group commit for a hot stream (a promotion's budget, a reward's stock): the commands that arrive while one append is
 * under way wait, then are decided one after another on the stream's state and appended in one append at the expected
 * revision. Eight orders racing for one promotion cost one append, not eight in a row. Each command still gets its own
 * answer: its events, or its refusal. A conflict (another process) reads the stream and decides the whole batch again.
 * The commands batched here are keyed by the order, so deciding one again after its append changes nothing.
 */
export function batched<State, Command, Event extends DomainEvent>(definition: {
  readonly decider: Decider<State, Command, Event>;
  readonly events: EventSchemas;
  readonly stream: (id: string) => string;
  readonly maxAttempts: number;
}): Batched<State, Command> {
  const { decider, stream: streamOf } = definition;
  const queues = new Map<string, Array<Waiting<State, Command>>>();

  const decideAll = (batch: ReadonlyArray<Waiting<State, Command>>, start: State) => {
    let state = start;
    const decided = batch.map((waiting): Decided<State, Command, Event> => {
      try {
        const events = decider.decide(waiting.command, state);
        state = events.reduce(decider.evolve, state);
        return { ...waiting, events, state };
      } catch (error) {
        return { ...waiting, error };
      }
    });
    return { decided, after: state };
  };

  async function write(store: EventStore, stream: string, batch: ReadonlyArray<Waiting<State, Command>>) {
    const states: StreamStates<State> = cachedStreamStates(store, decider, definition.events);
    for (let attempt = 1; ; attempt++) {
      // First the state this process last saw: the append's expected revision proves it current. A refusal or a
      // command with nothing to do may come from a state behind the stream, so those are decided on a fresh read.
      const known = attempt === 1 ? states.remembered(stream) : undefined;
      const { state, version } = known ?? (await states.load(stream));
      const { decided, after } = decideAll(batch, state);
      if (known && decided.some((d) => 'error' in d || d.events.length === 0)) continue;
      const appended = decided.flatMap((d) =>
        'error' in d
          ? []
          : d.events.map((event, ordinal) =>
              newEvent(event, d.context, eventIdsFor(d.context, stream, d.command)?.(ordinal)),
            ),
      );
      let position;
      if (appended.length > 0) {
        try {
          const result = await store.append(stream, appended, { expectedRevision: version ?? 'no_stream' });
          states.saw(stream, after, result.nextRevision);
          position = { at: result.position, version: result.nextRevision };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (error.actual === 'no_stream' || (version !== undefined && error.actual < version)) states.forget(stream);
          if (attempt >= definition.maxAttempts) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
          continue;
        }
      }
      for (const d of decided) {
        if ('error' in d) d.reject(d.error);
        else
          d.resolve({
            events: d.events,
            state: d.state,
            version: position?.version ?? version,
            position: d.events.length > 0 ? position?.at : undefined,
          });
      }
      return;
    }
  }

  async function drain(store: EventStore, stream: string, queue: Array<Waiting<State, Command>>) {
    for (let batch = queue.splice(0); batch.length > 0; batch = queue.splice(0)) {
      try {
        await write(store, stream, batch);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    queues.delete(stream);
  }

  return {
    handle: (store, id, command, context) =>
      new Promise((resolve, reject) => {
        const stream = streamOf(id);
        const queue = queues.get(stream);
        if (queue) return void queue.push({ command, context, resolve, reject });
        const started = [{ command, context, resolve, reject }];
        queues.set(stream, started);
        void drain(store, stream, started);
      }),
  };
}

/** The event as appended, with the request's metadata; `id` random unless given (seeded by an Idempotency-Key). */
export function newEvent(event: DomainEvent, context: CommandContext, id: string = randomUUID()) {
  const { tenantId, actor, correlationId, causationId } = context;
  return {
    id,
    type: event.type,
    data: event.data as JsonObject,
    metadata: {
      tenantId,
      actor,
      schemaVersion: SCHEMA_VERSION,
      ...(correlationId && { correlationId }),
      ...(causationId && { causationId }),
    },
  };
}
