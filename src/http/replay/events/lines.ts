import { formatPosition, type Position } from '../../../platform/eventstore/position.js';
import type { EventStore, RecordedEventJson } from '../../../platform/eventstore/types.js';
import { sealedJson } from '../sealing.js';
import { readPage, type PageRead, type Selection } from './reader.js';
import { wireEvent } from './wire.js';

/** One NDJSON line of a replay (without its newline) and the position it stands for. */
export interface Line {
  readonly position: Position;
  readonly text: string;
}

/** The line of wireEvent, printed around the stored JSON text instead of parsing and printing it again. */
function lineOfJson(event: RecordedEventJson): string {
  return (
    `{"position":"${formatPosition(event.position)}","id":${JSON.stringify(event.id)},` +
    `"stream":${JSON.stringify(event.streamName)},"revision":${Number(event.revision)},` +
    `"type":${JSON.stringify(event.type)},"created_at":${JSON.stringify(event.createdAt)},` +
    `"data":${sealedJson(event.dataJson)},"metadata":${sealedJson(event.metadataJson)}}`
  );
}

/**
 * Reads the selection as NDJSON lines: straight from the store's JSON text when it offers it (the per-event parse and
 * print were most of a replay's work), else from its parsed events.
 */
export function lineReader(store: EventStore, sel: Selection): PageRead<Line> {
  if (store.readAllJson) {
    const readJson = store.readAllJson.bind(store);
    const since = sel.since?.toISOString();
    const until = sel.until?.toISOString();
    const inTime = (e: RecordedEventJson): boolean =>
      (since === undefined || e.createdAt >= since) && (until === undefined || e.createdAt < until);
    return async (from, maxCount) => {
      const page = await readJson({ from, filter: sel.filter, maxCount });
      const events = page.events.filter(inTime).map((e) => ({ position: e.position, text: lineOfJson(e) }));
      return { events, next: page.next, isEnd: page.isEnd };
    };
  }
  return async (from, maxCount) => {
    const page = await readPage(store, sel, from, maxCount);
    const events = page.events.map((e) => ({ position: e.position, text: JSON.stringify(wireEvent(e)) }));
    return { events, next: page.next, isEnd: page.isEnd };
  };
}
