import { formatPosition } from '../../../platform/eventstore/position.js';
import type { JsonObject, RecordedEvent } from '../../../platform/eventstore/types.js';
import { sealed } from '../sealing.js';

/** One event as a replay shows it: a line of NDJSON or an item of a JSON page. */
export interface WireEvent {
  readonly position: string;
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly created_at: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export function wireEvent(event: RecordedEvent): WireEvent {
  return {
    position: formatPosition(event.position),
    id: event.id,
    stream: event.streamName,
    revision: Number(event.revision),
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: sealed(event.data) as JsonObject,
    metadata: sealed(event.metadata as JsonObject) as JsonObject,
  };
}
