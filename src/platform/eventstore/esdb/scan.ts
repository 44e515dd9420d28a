import { isAfter, START, type Position } from '../position.js';
import type { ReadAllPage, RecordedEvent } from '../types.js';
import { toRecordedEvent, type ClientRecord, type EventPredicate } from './mapping.js';

/** Reads up to `count` entries of $all forwards from `from` (inclusive, as the client does; undefined: the start). */
export type ChunkReader = (
  from: Position | undefined,
  count: number,
) => Promise<readonly { readonly event?: ClientRecord }[]>;

export interface ScanOptions {
  /** Exclusive. */
  readonly from?: Position;
  readonly accepts: EventPredicate;
  readonly maxCount: number;
  readonly chunkSize: number;
}

/**
 * One page of the port's readAll over a server that can only filter on the client side: reads chunks
 * until `maxCount` events pass the predicate or the log ends, and reports the last entry it looked at
 * as `next`, so a sparse filter moves its reader on even when it finds nothing.
 */
export async function scanAll(read: ChunkReader, options: ScanOptions): Promise<ReadAllPage> {
  const { accepts, maxCount } = options;
  // At least two, so a full chunk always holds something past the inclusive start and the scan moves on.
  const chunkSize = Math.max(2, options.chunkSize);
  const events: RecordedEvent[] = [];
  let lowerBound = options.from;
  if (maxCount <= 0) return { events, next: lowerBound ?? START, isEnd: false };
  for (;;) {
    const chunk = await read(lowerBound, chunkSize);
    const atEnd = chunk.length < chunkSize;
    let moved = false;
    for (let i = 0; i < chunk.length; i++) {
      const record = chunk[i]?.event;
      if (!record?.position || (lowerBound !== undefined && !isAfter(record.position, lowerBound))) continue;
      lowerBound = record.position;
      moved = true;
      if (!accepts(record)) continue;
      events.push(toRecordedEvent(record));
      if (events.length >= maxCount) return { events, next: lowerBound, isEnd: atEnd && i === chunk.length - 1 };
    }
    if (atEnd) return { events, next: lowerBound ?? START, isEnd: true };
    if (!moved) throw new Error('EventStoreDB returned a full chunk of $all without moving past its start position');
  }
}
