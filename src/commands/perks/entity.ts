import type { Decider } from '../../domain/shared/decider.js';
import type { EventSchemas } from '../../domain/shared/events.js';
import type { EntityCommand, EntityEvent, EntityState } from '../../domain/perks/catalogue-entity.js';
import type { EventStore, Position } from '../../platform/eventstore/types.js';
import { handleCommand, type CommandContext, type HandleOptions } from '../handle.js';
import { idsFor } from '../ids.js';

/** What a catalogue command answers: the resource's id, version and where its events stand. */
export interface Written {
  readonly id: string;
  readonly version: bigint | undefined;
  readonly position: Position | undefined;
}

/** The create and update commands of a catalogue entity kept on `<category>-<id>` streams. */
export function entityCommands<K extends string, F extends object>(category: string, decider: Decider<EntityState<F>, EntityCommand<F>, EntityEvent<K, F>>, schemas: EventSchemas) {
  const stream = (id: string): string => `${category}-${id}`;
  return {
    stream,
    async create(store: EventStore, fields: F, context: CommandContext, now: Date = new Date()): Promise<Written> {
      const id = idsFor(context).next();
      const command = { type: 'Create' as const, data: { id, programId: context.tenantId, fields, now: now.toISOString() } };
      const result = await handleCommand(store, decider, schemas, stream(id), command, context);
      return { id, version: result.version, position: result.position };
    },
    async update(store: EventStore, id: string, changes: Partial<F>, context: CommandContext, options: HandleOptions = {}, now: Date = new Date()): Promise<Written> {
      const command = { type: 'Update' as const, data: { programId: context.tenantId, changes, now: now.toISOString() } };
      const result = await handleCommand(store, decider, schemas, stream(id), command, context, options);
      return { id, version: result.version, position: result.position };
    },
  };
}
