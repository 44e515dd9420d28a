import { appendAtomically, appendNewStreams } from '../../../platform/eventstore/index.js';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type NewStream,
  type StreamWrite,
} from '../../../platform/eventstore/types.js';

/** One caller's part of a grouped write: what it gets back, or why it failed. */
type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

interface Waiting<I, R> {
  readonly store: EventStore;
  readonly item: I;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: at most `inFlight` writes at once; the callers that come while they run wait and go together in the
 * next one (up to `maxSize` in all, as `sizeOf` counts). `write` answers each caller's part in the order given.
 */
function grouped<I, R>(
  options: { readonly inFlight: number; readonly maxSize: number; readonly sizeOf: (item: I) => number },
  write: (store: EventStore, items: readonly I[]) => Promise<ReadonlyArray<Settled<R>>>,
): (store: EventStore, item: I) => Promise<R> {
  const queue: Array<Waiting<I, R>> = [];
  let running = 0;

  const take = (): Array<Waiting<I, R>> => {
    const store = queue[0]?.store;
    const batch: Array<Waiting<I, R>> = [];
    let size = 0;
    while (queue[0] !== undefined && queue[0].store === store) {
      const next = options.sizeOf(queue[0].item);
      if (batch.length > 0 && size + next > options.maxSize) break;
      batch.push(queue.shift()!);
      size += next;
    }
    return batch;
  };

  async function flush(batch: ReadonlyArray<Waiting<I, R>>): Promise<void> {
    try {
      const settled = await write(
        batch[0]!.store,
        batch.map((w) => w.item),
      );
      batch.forEach((w, i) => {
        const part = settled[i]!;
        if (part.ok) w.resolve(part.value);
        else w.reject(part.error);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  const pump = (): void => {
    while (running < options.inFlight && queue.length > 0) {
      running++;
      void flush(take()).finally(() => {
        running--;
        pump();
      });
    }
  };

  return (store, item) =>
    new Promise((resolve, reject) => {
      queue.push({ store, item, resolve, reject });
      pump();
    });
}

export interface GroupedNewStreams {
  /** Starts the streams that do not exist yet, with the writes of the callers waiting meanwhile: those it started. */
  write(store: EventStore, writes: readonly NewStream[]): Promise<ReadonlySet<string>>;
}

/**
 * Group commit of new streams (bankSync's imports), `maxStreams` streams at most in one write. A stream two waiting
 * callers both start (two syncs of one connection) is written once, and counted as started by the first of them only.
 */
export function groupedNewStreams(options: { readonly inFlight: number; readonly maxStreams: number }) {
  const write = grouped<readonly NewStream[], ReadonlySet<string>>(
    { inFlight: options.inFlight, maxSize: options.maxStreams, sizeOf: (writes) => writes.length },
    async (store, items) => {
      const claimed = new Set<string>();
      const own = items.map((writes) => writes.filter((w) => !claimed.has(w.stream) && claimed.add(w.stream)));
      const written = await appendNewStreams(store, own.flat());
      return own.map((writes) => ({
        ok: true as const,
        value: new Set(writes.map((w) => w.stream).filter((s) => written.has(s))),
      }));
    },
  );
  return {
    write: (store, writes) => (writes.length === 0 ? Promise.resolve(new Set<string>()) : write(store, writes)),
  } satisfies GroupedNewStreams;
}

/**
 * Group commit of appends at expected revisions (bankSync's cursors): the callers waiting meanwhile go in one
 * all-or-nothing write; when one of them is not where it expects, each is appended on its own, so only that one
 * fails (WrongExpectedRevisionError) and the others land.
 */
export function groupedAppends(options: { readonly inFlight: number; readonly maxStreams: number }) {
  return grouped<StreamWrite, void>(
    { inFlight: options.inFlight, maxSize: options.maxStreams, sizeOf: () => 1 },
    async (store, writes) => {
      // A store that cannot write them all or nothing appends each on its own.
      if (store.appendAtomically && writes.length > 1 && (await allOrNothing(store, writes)))
        return writes.map(() => ({ ok: true as const, value: undefined }));
      const alone = await Promise.allSettled(
        writes.map((w) => store.append(w.stream, w.events, { expectedRevision: w.expectedRevision })),
      );
      return alone.map((a) =>
        a.status === 'fulfilled'
          ? { ok: true as const, value: undefined }
          : { ok: false as const, error: a.reason as unknown },
      );
    },
  );
}

/** The writes in one all-or-nothing write: false when one of them was not where it expected (nothing written). */
async function allOrNothing(store: EventStore, writes: readonly StreamWrite[]): Promise<boolean> {
  try {
    await appendAtomically(store, writes);
    return true;
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) return false;
    throw error;
  }
}
