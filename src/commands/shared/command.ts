import type { DomainEvent } from '../../domain/shared/decider.js';
import type { AppendResult } from '../../platform/eventstore/types.js';

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
