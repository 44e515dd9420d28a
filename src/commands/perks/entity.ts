import type { Decider } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { EntityCommand, EntityEvent, EntityState } from '../../domain/perks/catalogue-entity.js';
import type { Position } from '../../platform/eventstore/types.js';
import { idsFor } from '../ids.js';
import { aggregate, type CommandDeps, type ProgramScope } from '../shared/aggregate.js';
import type { CommandContext, CommandResult } from '../shared/command.js';

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

/** The create and update commands of a catalogue entity kept on `<category>-<id>` streams. */
export function entityCommands<K extends string, F extends object>(
  category: string,
  decider: Decider<EntityState<F>, EntityCommand<F>, EntityEvent<K, F>>,
  events: EventSchemas,
) {
  const entities = aggregate({ decider, events, stream: (id) => `${category}-${id}` });
  return {
    stream: entities.stream,
    async create(deps: CommandDeps, fields: F, context: CommandContext): Promise<Written> {
      const id = idsFor(context).next();
      const result = await entities.run(deps, id, context, ({ programId, now }) => ({
        type: 'Create',
        data: { id, programId, fields, now },
      }));
      return written(id, result);
    },
    async update(
      deps: CommandDeps,
      id: string,
      changes: Partial<F>,
      context: CommandContext,
      options: Expected = {},
    ): Promise<Written> {
      const update = ({ programId, now }: ProgramScope) => ({
        type: 'Update' as const,
        data: { programId, changes, now },
      });
      const result = await entities.run(deps, id, context, update, { expectedRevision: options.expectedVersion });
      return written(id, result);
    },
  };
}
