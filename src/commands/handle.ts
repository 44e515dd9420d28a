import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import type { EventSchemas } from '../domain/shared/events.js';
import type { EventStore } from '../platform/eventstore/types.js';
import type { CommandContext, CommandResult } from './shared/command.js';
import { handleOnStream } from './shared/handle-on-stream.js';
import { cachedStreamStates } from './shared/stream-states.js';

export { SCHEMA_VERSION, StaleVersionError, type CommandContext, type CommandResult } from './shared/command.js';

export interface HandleOptions {
  /** The version the client sent (If-Match): a mismatch is reported, never retried. */
  readonly expectedVersion?: bigint;
  readonly maxAttempts?: number;
}

/**
 * @deprecated Bind the aggregate once with `aggregate({ decider, events, stream })`
 * (src/commands/shared/aggregate.ts) and call its `handle`. Kept until giving's
 * commands are converted.
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
  const states = cachedStreamStates(store, decider, schemas);
  return handleOnStream({ store, decider, schemas, states, stream, context, expectedRevision: options.expectedVersion, maxAttempts: options.maxAttempts }, command);
}
