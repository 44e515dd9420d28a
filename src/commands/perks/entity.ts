import type { Decider } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { EntityCommand, EntityEvent, EntityState } from '../../domain/perks/catalogue-entity.js';
import type { Position } from '../../platform/eventstore/types.js';
import { idsFor } from '../ids.js';
import { aggregate, type CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';

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

/** The create and update commands of a catalogue entity kept on `<category>-<id>` streams. */
export function entityCommands<K extends string, F extends object>(
  category: string,
  decider: Decider<EntityState<F>, EntityCommand<F>, EntityEvent<K, F>>,
  events: EventSchemas,
) {
  const entities = aggregate({ decider, events, stream: (id) => `${category}-${id}` });
  return {
    stream: entities.stream,
    async create({ store, clock }: CommandDeps, fields: F, context: CommandContext): Promise<Written> {
      const id = idsFor(context).next();
      const command = {
        type: 'Create' as const,
        data: { id, programId: context.tenantId, fields, now: clock.now().toISOString() },
      };
      const result = await entities.handle(id, command, { store, context });
      return { id, version: result.version, position: result.position };
    },
    async update(
      { store, clock }: CommandDeps,
      id: string,
      changes: Partial<F>,
      context: CommandContext,
      options: Expected = {},
    ): Promise<Written> {
      const command = {
        type: 'Update' as const,
        data: { programId: context.tenantId, changes, now: clock.now().toISOString() },
      };
      const result = await entities.handle(id, command, { store, context, expectedRevision: options.expectedVersion });
      return { id, version: result.version, position: result.position };
    },
  };
}
