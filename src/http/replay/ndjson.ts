import type { Request, Response } from 'express';

/** Counts the streams open now (the metrics' gauge). */
export interface OpenStreams {
  inc(): void;
  dec(): void;
}

export const NDJSON = 'application/x-ndjson';

/** Whether the client asked for NDJSON (it must name it; `*\/*` gets JSON pages). */
export function wantsNdjson(req: Request): boolean {
  return (req.get('Accept') ?? '')
    .toLowerCase()
    .split(',')
    .some((range) => {
      const [type, ...params] = range.split(';').map((part) => part.trim());
      const q = params.find((p) => p.startsWith('q='));
      return type === NDJSON && (q === undefined || Number(q.slice(2)) > 0);
    });
}

/**
 * A response written line by line: waits for the socket to drain when its buffer is full (memory stays bounded however
 * slow the reader), and knows when the client has gone so the producer stops reading.
 */
export class LineWriter {
  private gone = false;
  private readonly goneWaiters = new Set<() => void>();

  constructor(
    private readonly res: Response,
    open: OpenStreams,
  ) {
    res.status(200).type(NDJSON).set('Cache-Control', 'no-store').set('X-Accel-Buffering', 'no');
    res.flushHeaders();
    open.inc();
    res.on('close', () => {
      open.dec();
      this.gone = true;
      for (const wake of this.goneWaiters) wake();
    });
  }

  get closed(): boolean {
    return this.gone || this.res.destroyed;
  }

  /** Writes the values as lines of JSON in one chunk; resolves once the socket can take more (or the client left). */
  write(values: readonly unknown[]): Promise<void> {
    return this.writeLines(values.map((value) => JSON.stringify(value)));
  }

  /** Writes lines already printed as JSON, as one chunk. */
  async writeLines(lines: readonly string[]): Promise<void> {
    if (this.closed || lines.length === 0) return;
    const chunk = `${lines.join('\n')}\n`;
    if (this.res.write(chunk)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.res.off('drain', done);
        this.goneWaiters.delete(done);
        resolve();
      };
      this.res.once('drain', done);
      this.goneWaiters.add(done);
    });
  }

  /** Resolves after `ms`, at `wake()`, or when the client goes, whichever comes first. */
  pause(ms: number, wakeUp: Promise<void>): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.goneWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.goneWaiters.add(done);
      void wakeUp.then(done, done);
    });
  }

  end(): void {
    if (!this.closed) this.res.end();
  }
}
