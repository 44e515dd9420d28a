import type { AllStreamResolvedEvent, AllStreamSubscription, SubscribeToAllOptions } from '@eventstore/db-client';
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { isAfter, maxPosition, START, type Position } from '../position.js';
import type { RecordedEvent, SubscribeOptions, SubscriptionItem } from '../types.js';
import { eventPredicate, toReadPosition, toRecordedEvent, toServerFilter } from './mapping.js';

export type OpenSubscription = (options: SubscribeToAllOptions) => AllStreamSubscription;

/**
 * The client emits `caughtUp` and calls `checkpointReached` from inside its transform, while the events
 * before them may still sit in the readable buffer; waiting for the buffer to empty keeps a checkpoint
 * from overtaking the events it vouches for.
 */
async function drained(stream: Pick<Readable, 'readableLength' | 'destroyed'>, closed: () => boolean): Promise<void> {
  while (stream.readableLength > 0 && !closed() && !stream.destroyed) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The port's subscribeAll over a catch-up subscription to $all. */
export function subscribeToAll(open: OpenSubscription, options: SubscribeOptions = {}): Observable<SubscriptionItem> {
  return new Observable<SubscriptionItem>((subscriber) => {
    const { from } = options;
    const accepts = eventPredicate(options.filter);
    let closed = false;
    let caughtUp = false;
    // Everything up to here has been handed on or skipped.
    let seen: Position = from ?? START;
    let checkpointed: Position | undefined;

    const checkpoint = (position: Position, force: boolean, live: boolean): void => {
      // Servers have sent the same checkpoint over and over once live: never move a checkpoint back.
      seen = maxPosition(seen, position);
      if (!force && checkpointed !== undefined && !isAfter(seen, checkpointed)) return;
      checkpointed = seen;
      subscriber.next({ kind: 'checkpoint', position: seen, caughtUp: live });
    };

    const filter = toServerFilter(options.filter, async (subscription, position) => {
      // Caught up or not as of when the server sent it, not as of when it gets through.
      const live = caughtUp;
      await drained(subscription, () => closed);
      if (!closed) checkpoint({ commit: position.commit, prepare: position.prepare }, false, live);
    });
    const current = open({ fromPosition: toReadPosition(from), filter });

    current.on('data', (resolved: AllStreamResolvedEvent) => {
      const record = resolved.event;
      if (closed || !record) return;
      // Subscriptions are documented as exclusive of their start; skipping it here holds either way.
      if (from !== undefined && !isAfter(record.position, from)) return;
      seen = maxPosition(seen, record.position);
      if (!accepts(record)) return;
      let event: RecordedEvent;
      try {
        event = toRecordedEvent(record);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      subscriber.next({ kind: 'event', event });
    });
    current.on('caughtUp', () => {
      caughtUp = true;
      void drained(current, () => closed).then(() => {
        if (!closed) checkpoint(seen, true, true);
      });
    });
    current.on('fellBehind', () => {
      caughtUp = false;
    });
    // Kept after teardown too: an 'error' with no listener would crash the process.
    current.on('error', (error: Error) => {
      if (!closed) subscriber.error(error);
    });
    current.on('end', () => {
      if (!closed) subscriber.error(new Error('EventStoreDB subscription to $all ended'));
    });

    return () => {
      closed = true;
      current.unsubscribe().catch(() => undefined);
    };
  });
}
