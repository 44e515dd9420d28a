import { appendNewStreams } from '../../../platform/eventstore/index.js';
import type { EventStore, NewStream } from '../../../platform/eventstore/types.js';

interface Waiting {
  readonly store: EventStore;
  readonly writes: readonly NewStream[];
  readonly resolve: (written: ReadonlySet<string>) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupedNewStreams {
  /** Starts the streams that do not exist yet, with the writes of the callers waiting meanwhile: those it started. */
  write(store: EventStore, writes: readonly NewStream[]): Promise<ReadonlySet<string>>;
}

/**
 * Group commit of new streams (bankSync's imports): at most `inFlight` writes at once; the callers that come while
 * they run wait and go together in the next one (up to `maxStreams` streams). A stream two waiting callers both
 * start (two syncs of one connection) is written once, and counted as started by the first of them only.
 */
export function groupedNewStreams(options: {
  readonly inFlight: number;
  readonly maxStreams: number;
}): GroupedNewStreams {
  const queue: Waiting[] = [];
  let running = 0;

  const take = (): Waiting[] => {
    const store = queue[0]?.store;
    const batch: Waiting[] = [];
    let streams = 0;
    while (queue[0] !== undefined && queue[0].store === store) {
      const size = queue[0].writes.length;
      if (batch.length > 0 && streams + size > options.maxStreams) break;
      batch.push(queue.shift()!);
      streams += size;
    }
    return batch;
  };

  async function flush(batch: readonly Waiting[]): Promise<void> {
    const claimed = new Set<string>();
    const own = batch.map((w) => w.writes.filter((write) => !claimed.has(write.stream) && claimed.add(write.stream)));
    try {
      const written = await appendNewStreams(batch[0]!.store, own.flat());
      batch.forEach((w, i) => w.resolve(new Set(own[i]!.map((x) => x.stream).filter((s) => written.has(s)))));
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

  return {
    write: (store, writes) =>
      new Promise((resolve, reject) => {
        if (writes.length === 0) return resolve(new Set());
        queue.push({ store, writes, resolve, reject });
        pump();
      }),
  };
}
