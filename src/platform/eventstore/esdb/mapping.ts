import {
  ANY,
  eventTypeFilter,
  excludeSystemEvents,
  NO_STREAM,
  START as CLIENT_START,
  streamNameFilter,
  type ExpectedRevision as ClientExpectedRevision,
  type Filter,
  type FilterBase,
  type ReadPosition,
} from '@eventstore/db-client';
import { comparePositions, START, type Position } from '../position.js';
import { categoryOf, type EventFilter, type ExpectedRevision, type JsonObject, type RecordedEvent } from '../types.js';

/**
 * The fields of the client's recorded event that this adapter reads (`RecordedEvent` in the client's
 * types/events.d.ts).
 */
export interface ClientRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position;
}

export type EventPredicate = (
  record: Pick<ClientRecord, 'streamId' | 'type'> & { readonly metadata?: unknown },
) => boolean;

export type CheckpointReached = NonNullable<FilterBase['checkpointReached']>;

export function toClientExpectedRevision(expected: ExpectedRevision): ClientExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return expected;
}

/**
 * The client's positions are inclusive; the port's START means "from the very beginning", which only the START constant
 * says.
 */
export function toReadPosition(position: Position | undefined): ReadPosition {
  if (position === undefined || comparePositions(position, START) === 0) return CLIENT_START;
  return { commit: position.commit, prepare: position.prepare };
}

/** EventStoreDB's own events: `$`-prefixed types (links, metadata, stats) or anything in a `$` stream. */
export function isSystemEvent(record: Pick<ClientRecord, 'streamId' | 'type'>): boolean {
  return record.type.startsWith('$') || record.streamId.startsWith('$');
}

/**
 * What readers of the port see: no system events, then the categories, the event types and the tenant when given (the
 * server cannot filter on metadata: the tenant is decided here).
 */
export function eventPredicate(filter: EventFilter | undefined): EventPredicate {
  const categories = filter?.categories ? new Set(filter.categories) : undefined;
  const eventTypes = filter?.eventTypes ? new Set(filter.eventTypes) : undefined;
  const tenantId = filter?.tenantId;
  return (record) =>
    !isSystemEvent(record) &&
    (categories === undefined || categories.has(categoryOf(record.streamId))) &&
    (eventTypes === undefined || eventTypes.has(record.type)) &&
    (tenantId === undefined || parseObject(record.metadata)?.tenantId === tenantId);
}

/** Escapes the characters that are special in both .NET (where the server runs the filter) and JavaScript regexes. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|#\s]/g, (c) => `\\${c}`);
}

/** A category is the stream name up to the first dash, so it matches `<category>-…` or the bare name. */
export function categoriesRegex(categories: readonly string[]): string {
  return `^(?:${categories.map(escapeRegex).join('|')})(?:-|$)`;
}

export function eventTypesRegex(eventTypes: readonly string[]): string {
  return `^(?:${eventTypes.map(escapeRegex).join('|')})$`;
}

/**
 * The server filters on one thing only, so it narrows by category when given, else by event type, else
 * just drops system event types; `eventPredicate` still decides on the client. A filter is always sent
 * because the server only reports checkpoints to filtered subscriptions.
 */
export function toServerFilter(filter: EventFilter | undefined, checkpointReached?: CheckpointReached): Filter {
  const categories = filter?.categories;
  const eventTypes = filter?.eventTypes;
  if (categories !== undefined && categories.length > 0) {
    return streamNameFilter({ regex: categoriesRegex(categories), checkpointReached });
  }
  if (eventTypes !== undefined && eventTypes.length > 0) {
    return eventTypeFilter({ regex: eventTypesRegex(eventTypes), checkpointReached });
  }
  return excludeSystemEvents({ checkpointReached });
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** The client hands back JSON it could parse as objects and anything else as bytes (or as the raw string). */
function parseObject(value: unknown): JsonObject | undefined {
  if (isJsonObject(value)) return value;
  const text =
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function toRecordedEvent(record: ClientRecord): RecordedEvent {
  const where = `event ${record.id} (${record.streamId}@${record.revision})`;
  if (!record.position) {
    // Stream reads carry positions only from server 22.6 on; a RecordedEvent without one would break resuming.
    throw new Error(`EventStoreDB returned no position for ${where}: server 22.6 or later is required`);
  }
  const data = parseObject(record.data);
  if (!data) throw new Error(`EventStoreDB ${where} does not hold a JSON object`);
  return {
    id: record.id,
    type: record.type,
    streamName: record.streamId,
    revision: record.revision,
    position: { commit: record.position.commit, prepare: record.position.prepare },
    data,
    // Metadata from other writers that is not an object carries nothing this app reads.
    metadata: parseObject(record.metadata) ?? {},
    createdAt: record.created,
  };
}
