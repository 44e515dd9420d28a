import { comparePositions, type Position } from '../platform/eventstore/position.js';
import type { ReadAllPage } from '../platform/eventstore/types.js';

/** Events (and pages) the scout keeps in memory for the workers to read. */
const MAX_CACHED = 20_000;
const MAX_LOOKS = 200;

const after = (a: Position, b: Position): boolean => comparePositions(a, b) > 0;

/** A page the scout read: the range `from` (exclusive) to `next` (inclusive) of the log, every event in it. */
export interface Look extends ReadAllPage {
  readonly from: Position;
  /** Per event type, its last event's position in the page. */
  readonly lastOfType: ReadonlyMap<string, Position>;
}

/** The pages the scout read last, one after the other, at most MAX_CACHED events in all (the oldest go first). */
export class LookCache {
  private looks: Look[] = [];
  private events = 0;

  add(from: Position, page: ReadAllPage): Look {
    const end = this.end();
    if (!end || comparePositions(end, from) !== 0) this.clear();
    const lastOfType = new Map<string, Position>();
    for (const e of page.events) lastOfType.set(e.type, e.position);
    const look = { ...page, from, lastOfType };
    // An empty page that moved nothing (a poll at the head) adds nothing: only the last one's isEnd counts.
    if (page.events.length === 0 && this.looks.length > 0 && !after(page.next, from)) return look;
    this.looks.push(look);
    this.events += page.events.length;
    while (this.looks.length > 1 && (this.events > MAX_CACHED || this.looks.length > MAX_LOOKS))
      this.events -= this.looks.shift()!.events.length;
    return look;
  }

  /** Forgets the pages wholly at or before `position` (no worker needs them) but the last. */
  dropBefore(position: Position): void {
    // The last page stays: it marks where the next look starts, and answers the polls at the end.
    while (this.looks.length > 1 && !after(this.looks[0]!.next, position))
      this.events -= this.looks.shift()!.events.length;
  }

  clear(): void {
    this.looks = [];
    this.events = 0;
  }

  end(): Position | undefined {
    return this.looks.at(-1)?.next;
  }

  /** Whether `position` is at or past the end of the last page (which reached the end of the log then). */
  pastEnd(position: Position): boolean {
    const last = this.looks.at(-1);
    return last !== undefined && !after(last.next, position);
  }

  /**
   * The page a read from `from` of `types` would give, up to `maxCount` events, when the pages cover `from`: from
   * the first page holding it on, as far as they go.
   */
  answer(from: Position, types: ReadonlySet<string>, maxCount: number): ReadAllPage | undefined {
    const first = this.looks.findIndex((l) => !after(l.from, from) && after(l.next, from));
    if (first < 0) return undefined;
    const events = [];
    for (const look of this.looks.slice(first)) {
      for (const e of look.events) {
        if (!types.has(e.type) || !after(e.position, from)) continue;
        events.push(e);
        if (events.length === maxCount) return { events, next: e.position, isEnd: false };
      }
    }
    const last = this.looks.at(-1)!;
    return { events, next: last.next, isEnd: last.isEnd };
  }
}
