import type { EventMetadata, JsonObject, RecordedEvent, RecordedEventJson } from '../types.js';

export interface EventRow {
  seq: string;
  txid: string;
  event_id: string;
  stream_name: string;
  revision: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
  created_at: Date;
}

/** Where the row stands and what it is, whichever way its data was read. */
const recordedHead = (row: EventRow | EventJsonRow) => ({
  id: row.event_id,
  type: row.type,
  streamName: row.stream_name,
  revision: BigInt(row.revision),
  position: { commit: BigInt(row.txid), prepare: BigInt(row.seq) },
});

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    ...recordedHead(row),
    data: row.data,
    metadata: row.metadata,
    createdAt: row.created_at,
  };
}

/** A row read with data and metadata as JSON text. */
export interface EventJsonRow extends Omit<EventRow, 'data' | 'metadata' | 'created_at'> {
  data: string;
  metadata: string;
  created_at: string;
}

export function toRecordedEventJson(row: EventJsonRow): RecordedEventJson {
  return {
    ...recordedHead(row),
    dataJson: row.data,
    metadataJson: row.metadata,
    createdAt: row.created_at,
  };
}
