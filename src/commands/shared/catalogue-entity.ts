import type { Decider } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { EntityCommand, EntityEvent, EntityState } from '../../domain/shared/catalogue-entity.js';
import type { Position } from '../../platform/eventstore/types.js';
import { aggregate, type Aggregate, type CommandDeps, type ProgramScope } from './aggregate.js';
import type { CommandContext, CommandResult } from './command.js';

/** What a catalogue command answers: the resource's id, version and where its events stand. */
export interface Written {
  readonly id: string;
  readonly version: bigint | undefined;
  readonly position: Position | undefined;
}

/** The version the client sent (If-Match), when it sent one. */
export interface Expected {
  readonly expectedVersion?: bigint | undefined;
}

/** The answer of a command that wrote the resource (or the part of it) `id`. */
export const written = (id: string, result: CommandResult<unknown>): Written => ({
  id,
  version: result.version,
  position: result.position,
});

/**
 * Writes something new with the context's next id: `command` is run on its own stream, or on the stream `on` names
 * where it is a part of another resource (a business's address). Answers the new id.
 */
export async function writeNew<State, Command>(
  target: Aggregate<State, Command>,
  deps: CommandDeps,
  context: CommandContext,
  command: (id: string, scope: ProgramScope) => Command,
  on?: string,
): Promise<Written> {
  const result = await target.runNew(deps, context, command, on);
  return written(result.id, result);
}

/**
 * The use case that patches the fields of the resource `id` for the caller's program (404 for another program's),
 * `command` naming the change for the resource's aggregate.
 */
export function updateUseCase<State, Command, F>(
  target: Aggregate<State, Command>,
  command: (changes: Partial<F>, scope: ProgramScope) => Command,
) {
  return async (
    deps: CommandDeps,
    id: string,
    changes: Partial<F>,
    context: CommandContext,
    options: Expected = {},
  ): Promise<Written> => {
    const result = await target.run(deps, id, context, (scope) => command(changes, scope), {
      expectedRevision: options.expectedVersion,
    });
    return written(id, result);
  };
}

/** The create and update commands of a catalogue entity kept on `<category>-<id>` streams. */
export function entityCommands<K extends string, F extends object>(
  category: string,
  decider: Decider<EntityState<F>, EntityCommand<F>, EntityEvent<K, F>>,
  events: EventSchemas,
) {
  const entities = aggregate({ decider, events, stream: (id) => `${category}-${id}` });
  return {
    stream: entities.stream,
    create: (deps: CommandDeps, fields: F, context: CommandContext): Promise<Written> =>
      writeNew(entities, deps, context, (id, { programId, now }) => ({
        type: 'Create' as const,
        data: { id, programId, fields, now },
      })),
    update: updateUseCase(entities, (changes: Partial<F>, { programId, now }) => ({
      type: 'Update' as const,
      data: { programId, changes, now },
    })),
  };
}
