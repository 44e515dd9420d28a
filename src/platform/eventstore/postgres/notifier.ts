import pg from 'pg';
import { Observable } from 'rxjs';
import { LISTENER_PREFIX } from './listeners.js';

/** The LISTEN connection's reconnect delays: 0.25 s, doubling up to 5 s, back to 0.25 s once listening again. */
export const LISTEN_RETRY = { firstMs: 250, maxMs: 5_000 } as const;
const CONNECT_TIMEOUT_MS = 3_000;

/** The delay before reconnect number `attempt` (0 for the first). */
export function listenRetryDelay(attempt: number): number {
  return Math.min(LISTEN_RETRY.maxMs, LISTEN_RETRY.firstMs * 2 ** Math.min(attempt, 16));
}

/**
 * Wake-ups from the NOTIFY each append sends. Only a hint that something may be
 * new: readers always re-run the horizon query, and poll as a fallback, so a lost
 * notification (a dropped connection, a restart) costs latency, never an event.
 * A dropped connection is opened again with a capped backoff, for as long as
 * anyone listens.
 */
export function notifications(
  connectionString: string,
  channel: string,
  onError: (error: Error) => void,
  ownPayload?: string,
): Observable<void> {
  return new Observable<void>((subscriber) => {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    let failures = 0;

    const connect = async (): Promise<void> => {
      const next = new pg.Client({
        connectionString,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        // Named so that the stores of other processes know someone listens (listeners.ts).
        application_name: `${LISTENER_PREFIX}${ownPayload ?? ''}`,
      });
      client = next;
      // A process's own appends already woke it, without the round trip through PostgreSQL.
      next.on('notification', (message) => {
        if (ownPayload === undefined || message.payload !== ownPayload) subscriber.next();
      });
      const lost = (error?: Error): void => {
        if (stopped || client !== next) return;
        if (error) onError(error);
        scheduleReconnect();
      };
      next.on('error', lost);
      // A connection can also end without an error (a server shut down cleanly): listen again all the same.
      next.on('end', () => lost());
      try {
        await next.connect();
        await next.query(`listen ${channel}`);
        failures = 0;
        subscriber.next(); // whatever was missed while not listening
      } catch (error) {
        lost(error as Error);
      }
    };
    const scheduleReconnect = (): void => {
      const old = client;
      client = undefined;
      old?.end().catch(() => undefined);
      if (stopped || retry) return;
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, listenRetryDelay(failures++));
    };

    void connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      client?.end().catch(() => undefined);
    };
  });
}

/**
 * Sends the wake-up NOTIFY after an append has committed, from outside its
 * transaction, and at most one at a time: appends that commit while one is in
 * flight share the next. A NOTIFY inside the append would make PostgreSQL
 * serialise every appending commit through its WAL flush (it holds a global lock
 * from pre-commit to the end), which cost 40% of append throughput when measured.
 */
export class CoalescingNotifier {
  private inFlight: Promise<void> | undefined;
  private pending = false;
  private closed = false;

  constructor(
    private readonly send: () => Promise<unknown>,
    private readonly onError: (error: Error) => void,
  ) {}

  notify(): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.pending = true;
      return;
    }
    this.inFlight = this.send()
      .then(
        () => undefined,
        (error: Error) => this.onError(error),
      )
      .finally(() => {
        this.inFlight = undefined;
        if (this.pending) {
          this.pending = false;
          this.notify();
        }
      });
  }

  /** Sends what is owed, then nothing more: the pool it sends through is about to end. */
  async close(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    this.closed = true;
  }
}
