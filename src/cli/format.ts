import { formatPosition } from '../platform/eventstore/position.js';
import type { RecordedEvent } from '../platform/eventstore/types.js';

export type ExportFormat = 'ndjson' | 'csv';

export const FORMATS: readonly ExportFormat[] = ['ndjson', 'csv'];

/**
 * One event as a JSON line. The revision is written as its decimal digits, a JSON
 * number without the round trip through a double that `Number(bigint)` would take.
 */
export function toNdjson(event: RecordedEvent): string {
  return (
    `{"position":"${formatPosition(event.position)}","stream":${JSON.stringify(event.streamName)},` +
    `"revision":${event.revision.toString()},"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},` +
    `"created_at":"${event.createdAt.toISOString()}","data":${JSON.stringify(event.data)},` +
    `"metadata":${JSON.stringify(event.metadata)}}\n`
  );
}

export const CSV_COLUMNS = ['position', 'stream', 'revision', 'id', 'type', 'created_at', 'data', 'metadata'] as const;

/** RFC 4180: CRLF between records; a cell with a comma, quote, CR or LF is quoted and its quotes doubled. */
export const CSV_EOL = '\r\n';

export function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_HEADER = CSV_COLUMNS.join(',') + CSV_EOL;

export function toCsv(event: RecordedEvent): string {
  return (
    [
      formatPosition(event.position),
      csvCell(event.streamName),
      event.revision.toString(),
      event.id,
      csvCell(event.type),
      event.createdAt.toISOString(),
      csvCell(JSON.stringify(event.data)),
      csvCell(JSON.stringify(event.metadata)),
    ].join(',') + CSV_EOL
  );
}

export function formatter(format: ExportFormat): { header: string; line: (event: RecordedEvent) => string } {
  return format === 'csv' ? { header: CSV_HEADER, line: toCsv } : { header: '', line: toNdjson };
}
