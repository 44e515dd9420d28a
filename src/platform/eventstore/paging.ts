import { concatMap, defer, expand, from, map, merge, Observable, Subject, take, timer } from 'rxjs';
import { comparePositions, START, type Position } from './position.js';
import type { EventFilter, EventStore, ReadAllPage, SubscriptionItem } from './types.js';

export interface PagingOptions {
  readonly from?: Position;
  readonly filter?: EventFilter;
  readonly batchSize?: number;
  /** How long to wait at the end of the log before looking again without a wake-up. */
  readonly pollMs?: number;
}

type PageReader = Pick<EventStore, 'readAll'>;

/**
 * Reading again past a transaction that had ended when the last read was made: after this pause, and this many times
 * in a row at most, so that a server where such races never stop costs a few reads more, not a read every 5 ms.
 */
export const HELD_BACK = { ms: 5, reads: 3 } as const;

/**
 * Catch-up, then live, as a chain of pages: the next page is read only once
 * `handle` has finished with the previous one, so a slow consumer holds back the
 * reads instead of piling events up in memory. At the end of the log it waits for
 * a wake-up or the poll interval, whichever comes first.
 *
 * A wake-up that arrives while a page is being read or handled is kept, not
 * dropped: the events it announces may have committed after the read's snapshot,
 * so the reader looks again at once instead of a poll interval later.
 */
export function consumePages(
  store: PageReader,
  wakeups: Observable<void>,
  options: PagingOptions,
  handle: (page: ReadAllPage) => Promise<void> | void,
): Observable<ReadAllPage> {
  const batchSize = options.batchSize ?? 1000;
  const pollMs = options.pollMs ?? 500;
  return new Observable<ReadAllPage>((subscriber) => {
    let woken = false;
    let heldBackReads = 0;
    const signals = new Subject<void>();
    const listening = wakeups.subscribe(() => {
      woken = true;
      signals.next();
    });
    const readAndHandle = (position: Position): Observable<ReadAllPage> =>
      defer(() => {
        // Anything announced from here on may be missing from this read.
        woken = false;
        return store.readAll({ from: position, filter: options.filter, maxCount: batchSize });
      }).pipe(concatMap((page) => from(Promise.resolve(handle(page))).pipe(map(() => page))));
    const readAgainSoon = (page: ReadAllPage): boolean => {
      heldBackReads = page.heldBack === true ? heldBackReads + 1 : 0;
      return heldBackReads > 0 && heldBackReads <= HELD_BACK.reads;
    };
    const waitThenRead = (page: ReadAllPage): Observable<ReadAllPage> => {
      const wait = readAgainSoon(page) ? HELD_BACK.ms : pollMs;
      return woken
        ? readAndHandle(page.next)
        : merge(signals, timer(wait)).pipe(
            take(1),
            concatMap(() => readAndHandle(page.next)),
          );
    };
    const reading = readAndHandle(options.from ?? START)
      .pipe(expand((page) => (page.isEnd ? waitThenRead(page) : readAndHandle(page.next)), 1))
      .subscribe(subscriber);
    return () => {
      reading.unsubscribe();
      listening.unsubscribe();
    };
  });
}

/** A push subscription over `consumePages`: events, then a checkpoint whenever the reader reaches the end. */
export function pagedSubscription(
  store: PageReader,
  wakeups: Observable<void>,
  options: PagingOptions,
): Observable<SubscriptionItem> {
  return new Observable<SubscriptionItem>((subscriber) => {
    let last: Position | undefined;
    const subscription = consumePages(store, wakeups, options, (page) => {
      for (const event of page.events) subscriber.next({ kind: 'event', event });
      if (page.isEnd && (last === undefined || comparePositions(page.next, last) > 0)) {
        last = page.next;
        subscriber.next({ kind: 'checkpoint', position: page.next, caughtUp: true });
      }
    }).subscribe({ error: (error: unknown) => subscriber.error(error) });
    return () => subscription.unsubscribe();
  });
}
