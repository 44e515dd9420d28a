import type { Logger } from '../platform/logger.js';
import type { Position } from '../platform/eventstore/position.js';
import type { RecordedEvent } from '../platform/eventstore/types.js';
import { errorText, type Failure } from './parked.js';

/** The first wait before trying a failing event again; it doubles up to `retryMs`, so 5 tries park within 4 s. */
const FIRST_BACKOFF_MS = 250;

/** The page stopped before an event that failed, to be tried again after a backoff. */
export class EventFailed extends Error {
  constructor(
    readonly event: RecordedEvent,
    readonly failure: Failure,
  ) {
    super(failure.error);
  }
}

/** What a page's transaction committed: applied, parked, and the event it stopped before, if any. */
export interface OneByOne {
  readonly applied: readonly RecordedEvent[];
  readonly parked: ReadonlyArray<{ readonly event: RecordedEvent; readonly failure: Failure }>;
  readonly failed?: EventFailed;
  readonly at: Position;
}

/**
 * How long to wait before running again after `error`: an event's own failure backs off, anything else waits `retryMs`.
 */
export function retryDelayMs(error: unknown, retryMs: number): number {
  return error instanceof EventFailed
    ? Math.min(retryMs, FIRST_BACKOFF_MS * 2 ** (error.failure.attempts - 1))
    : retryMs;
}

/** A projection worker's failures in a row on one event, and their logs: the count decides when the event is parked. */
export class FailureTracker {
  /** The event this worker failed on last, and how many times in a row. */
  private failing: (Failure & { readonly eventId: string }) | undefined;

  constructor(
    private readonly projection: string,
    private readonly logger: Logger,
    private readonly maxAttempts: number,
  ) {}

  next(event: RecordedEvent, error: unknown): Failure {
    const again = this.failing?.eventId === event.id ? this.failing : undefined;
    return {
      error: errorText(error),
      attempts: (again?.attempts ?? 0) + 1,
      firstFailedAt: again?.firstFailedAt ?? new Date(),
    };
  }

  /** Once a page's transaction has committed: the parked events are logged, and the count goes on or starts over. */
  committed(outcome: OneByOne): void {
    for (const { event, failure } of outcome.parked) this.logParked(event, failure);
    if (outcome.failed) {
      const { event, failure } = outcome.failed;
      this.failing = { ...failure, eventId: event.id };
      this.logger.warn(
        {
          projection: this.projection,
          eventId: event.id,
          type: event.type,
          stream: event.streamName,
          attempt: failure.attempts,
          of: this.maxAttempts,
          err: failure.error,
        },
        'projection failed on an event; trying it again',
      );
    } else if (outcome.parked.length > 0 || outcome.applied.some((e) => e.id === this.failing?.eventId)) {
      this.failing = undefined;
    }
  }

  logParked(event: RecordedEvent, failure: Failure): void {
    this.logger.error(
      {
        projection: this.projection,
        eventId: event.id,
        type: event.type,
        stream: event.streamName,
        tenantId: event.metadata.tenantId,
        attempts: failure.attempts,
        err: failure.error,
      },
      'event parked: the projection failed on it every time and goes on past it (npm run cli -- projections parked)',
    );
  }
}
