import type { Knex } from 'knex';
import { comparePositions, START, type Position } from '../platform/eventstore/position.js';
import type { EventFilter, EventStore, RecordedEvent } from '../platform/eventstore/types.js';
import { formatter, type ExportFormat } from './format.js';
import type { Progress, Sink } from './output.js';

/** Which events an export takes. Positions and times may narrow either kind of source. */
export interface Selection {
  /** One stream, in revision order; otherwise the global log in position order. */
  readonly stream?: string;
  readonly filter?: EventFilter;
  /** Exclusive, as everywhere in the store: events strictly after it. */
  readonly from?: Position;
  /** Inclusive: the export stops at this position. */
  readonly to?: Position;
  /** On created_at, inclusive. */
  readonly since?: Date;
  /** On created_at, exclusive. */
  readonly until?: Date;
}

const inRange =
  (sel: Selection, upTo: Position | undefined) =>
  (e: RecordedEvent): boolean =>
    (sel.from === undefined || comparePositions(e.position, sel.from) > 0) &&
    (upTo === undefined || comparePositions(e.position, upTo) <= 0) &&
    (sel.since === undefined || e.createdAt >= sel.since) &&
    (sel.until === undefined || e.createdAt < sel.until);

/**
 * The last position a log export reads: `--to`, or the head when the export
 * starts, whichever is earlier. Events appended meanwhile are left out, so an
 * export under a steady write load still ends, and ends at a known place.
 */
export async function upperBound(store: EventStore, sel: Selection): Promise<Position> {
  const head = await store.headPosition();
  return sel.to && comparePositions(sel.to, head) < 0 ? sel.to : head;
}

/**
 * The selection, page by page. The next page is being read while the caller
 * writes the current one, so at most two pages are in memory whatever the size of
 * the export. The time filters never end the export early: commit order is only
 * roughly the order of created_at.
 */
export async function* selectPages(
  store: EventStore,
  sel: Selection,
  bound: Position,
  pageSize: number,
): AsyncGenerator<RecordedEvent[]> {
  const keep = inRange(sel, sel.stream === undefined ? bound : sel.to);
  if (sel.stream !== undefined) {
    const stream = sel.stream;
    const read = (fromRevision: bigint): Promise<RecordedEvent[]> =>
      store.readStream(stream, { fromRevision, maxCount: pageSize });
    let pending = read(0n);
    for (;;) {
      const events = await pending;
      const last = events.at(-1);
      const done = !last || events.length < pageSize;
      if (!done) void (pending = read(last.revision + 1n)).catch(() => undefined);
      const kept = events.filter(keep);
      if (kept.length > 0) yield kept;
      if (done) return;
    }
  }
  let from = sel.from ?? START;
  if (comparePositions(from, bound) >= 0) return;
  const read = (after: Position) => store.readAll({ from: after, filter: sel.filter, maxCount: pageSize });
  let pending = read(from);
  for (;;) {
    const page = await pending;
    const done = page.isEnd || comparePositions(page.next, bound) >= 0;
    from = page.next;
    if (!done) void (pending = read(from)).catch(() => undefined);
    const kept = page.events.filter(keep);
    if (kept.length > 0) yield kept;
    if (done) return;
  }
}

/** How many events the selection holds, for the progress bar; PostgreSQL only. */
export async function countSelection(knex: Knex, sel: Selection, bound: Position): Promise<number> {
  const query = knex('gs_events');
  if (sel.stream !== undefined) {
    query.where('stream_name', sel.stream);
    if (sel.to)
      query.whereRaw('(transaction_id, seq) <= (?::text::xid8, ?::bigint)', [
        sel.to.commit.toString(),
        sel.to.prepare.toString(),
      ]);
  } else {
    query.whereRaw('(transaction_id, seq) <= (?::text::xid8, ?::bigint)', [
      bound.commit.toString(),
      bound.prepare.toString(),
    ]);
    if (sel.filter?.categories) query.whereIn('category', [...sel.filter.categories]);
    if (sel.filter?.eventTypes) query.whereIn('type', [...sel.filter.eventTypes]);
  }
  if (sel.from)
    query.whereRaw('(transaction_id, seq) > (?::text::xid8, ?::bigint)', [
      sel.from.commit.toString(),
      sel.from.prepare.toString(),
    ]);
  if (sel.since) query.where('created_at', '>=', sel.since);
  if (sel.until) query.where('created_at', '<', sel.until);
  const row = (await query.count({ count: '*' }).first()) as { count: string | number } | undefined;
  return Number(row?.count ?? 0);
}

export interface ExportRun {
  readonly store: EventStore;
  readonly selection: Selection;
  readonly bound: Position;
  readonly format: ExportFormat;
  readonly sink: Sink;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  readonly pageSize?: number;
}

/**
 * Output is written in pieces of at most this many characters (64 KiB even as
 * two-byte strings): larger strings go to V8's large-object space, which only a
 * full collection frees: writing a page-sized string per page cost some 25 MB
 * more peak resident memory over 1M events (about 155 MB instead of 130 MB).
 */
const CHUNK_CHARS = 32 * 1024;

/** Writes the selection to the sink; stops between pages when the signal fires. */
export async function exportEvents(run: ExportRun): Promise<{ readonly count: number; readonly interrupted: boolean }> {
  const { header, line } = formatter(run.format);
  let count = 0;
  if (header) await run.sink.write(header);
  for await (const events of selectPages(run.store, run.selection, run.bound, run.pageSize ?? 1000)) {
    if (run.signal.aborted) return { count, interrupted: true };
    let chunk = '';
    for (const event of events) {
      chunk += line(event);
      if (chunk.length >= CHUNK_CHARS) {
        await run.sink.write(chunk);
        chunk = '';
      }
    }
    if (chunk) await run.sink.write(chunk);
    count += events.length;
    run.progress.grow(count);
    run.progress.update(count);
  }
  return { count, interrupted: run.signal.aborted };
}
