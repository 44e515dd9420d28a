import type { Decider, DomainEvent } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { Clock } from '../../platform/clock.js';
import type { EventStore, StreamWrite } from '../../platform/eventstore/types.js';
import { idsFor } from '../ids.js';
import type { CommandContext, CommandResult } from './command.js';
import { eventIdsFor } from './already-done.js';
import { handleOnStream, toNewEvent } from './handle-on-stream.js';
import { cachedStreamStates } from './stream-states.js';

/** What a use case is given at the composition root: the event store and the clock. */
export interface CommandDeps {
  readonly store: EventStore;
  readonly clock: Clock;
}

export interface HandleOptions {
  readonly store: EventStore;
  readonly context: CommandContext;
  /** The version the client sent (If-Match): a mismatch is 412, never retried. Without it a conflict is retried. */
  readonly expectedRevision?: bigint | undefined;
  /** Attempts when writers race (no expectedRevision); 12 unless said. */
  readonly maxAttempts?: number | undefined;
  /**
   * The caller made the id just now (a random UUID, or one derived from such): the stream is not read first. Were it
   * there after all, the append's expected revision (none) fails and the command is decided again on what it holds.
   */
  readonly newStream?: boolean | undefined;
}

/** What every command of a program's use case carries: the caller's program and the clock's time. */
export interface ProgramScope {
  readonly programId: string;
  readonly now: string;
}

/** A command decided on a stream the caller made just now, written by the caller with others (appendAtomically). */
export interface NewStreamDecision<State> {
  /** The stream's first events, expecting no stream: a stream there after all fails the whole write. */
  readonly write: StreamWrite;
  readonly events: readonly DomainEvent[];
  readonly state: State;
}

export interface Aggregate<State, Command> {
  /** The stream of the aggregate with this id. */
  readonly stream: (id: string) => string;
  /** Load the aggregate `id`, decide `command` on it, append what it decided. */
  handle(id: string, command: Command, options: HandleOptions): Promise<CommandResult<State>>;
  /** `command` decided on the initial state of the new stream `id`, not written: see NewStreamDecision. */
  decideNew(id: string, command: Command, context: CommandContext): NewStreamDecision<State>;
  /** `handle` with the command built from the caller's program and the clock's time: a use case names only its own. */
  run(
    deps: CommandDeps,
    id: string,
    context: CommandContext,
    build: (scope: ProgramScope) => Command,
    options?: Pick<HandleOptions, 'expectedRevision' | 'maxAttempts'>,
  ): Promise<CommandResult<State>>;
  /**
   * `run` for something new, given the context's next id: on its own stream, or on the stream `on` names where it is a
   * part of another aggregate (a business's address). Answers the new id beside the result.
   */
  runNew(
    deps: CommandDeps,
    context: CommandContext,
    build: (id: string, scope: ProgramScope) => Command,
    on?: string,
  ): Promise<CommandResult<State> & { readonly id: string }>;
}

/**
 * One aggregate's command handler, bound once beside its commands:
 * `const tags = aggregate({ decider, events, stream: (id) => \`contacttag-${id}\` })`,
 * then `tags.handle(id, command, { store, context, expectedRevision })`.
 */
export function aggregate<State, Command, Event extends DomainEvent>(definition: {
  readonly decider: Decider<State, Command, Event>;
  readonly events: EventSchemas;
  readonly stream: (id: string) => string;
}): Aggregate<State, Command> {
  const { decider, events: schemas, stream } = definition;
  const handle: Aggregate<State, Command>['handle'] = (
    id,
    command,
    { store, context, expectedRevision, maxAttempts, newStream },
  ) =>
    handleOnStream(
      {
        store,
        decider,
        schemas,
        states: cachedStreamStates(store, decider, schemas),
        stream: stream(id),
        context,
        expectedRevision,
        maxAttempts,
        newStream,
      },
      command,
    );
  const decideNew: Aggregate<State, Command>['decideNew'] = (id, command, context) => {
    const initial = decider.initialState();
    const events = decider.decide(command, initial);
    const eventIds = eventIdsFor(context, stream(id), command);
    return {
      write: {
        stream: stream(id),
        events: events.map((e, ordinal) => toNewEvent(e, context, eventIds?.(ordinal))),
        expectedRevision: 'no_stream',
      },
      events,
      state: events.reduce(decider.evolve, initial),
    };
  };
  const run: Aggregate<State, Command>['run'] = ({ store, clock }, id, context, build, options = {}) =>
    handle(id, build({ programId: context.tenantId, now: clock.now().toISOString() }), { store, context, ...options });
  return {
    stream,
    handle,
    decideNew,
    run,
    async runNew(deps, context, build, on) {
      const id = idsFor(context).next();
      return { ...(await run(deps, on ?? id, context, (scope) => build(id, scope))), id };
    },
  };
}

/** The use case that runs on the aggregate `id` the command `command` makes of the caller's input and scope. */
export const inputUseCase =
  <State, Command, Input>(target: Aggregate<State, Command>, command: (input: Input, scope: ProgramScope) => Command) =>
  (deps: CommandDeps, id: string, input: Input, context: CommandContext): Promise<CommandResult<State>> =>
    target.run(deps, id, context, (scope) => command(input, scope));

/** The use case that makes something new, with the context's next id, by the command made of the caller's input. */
export const createUseCase =
  <State, Command, Input>(
    target: Aggregate<State, Command>,
    command: (input: Input, id: string, scope: ProgramScope) => Command,
  ) =>
  (deps: CommandDeps, input: Input, context: CommandContext): Promise<CommandResult<State> & { readonly id: string }> =>
    target.runNew(deps, context, (id, scope) => command(input, id, scope));
