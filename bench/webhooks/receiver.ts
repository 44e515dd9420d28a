import { createServer, type Server } from 'node:http';

/**
 * The subscriber's end: a bare node:http server on 127.0.0.1 that answers 200
 * at once and notes, per member id (the payload's `data.id`), when the delivery
 * arrived. Receipts of ids the current round does not expect are counted apart.
 */
export interface Receiver {
  readonly url: string;
  /** Starts a round: forgets what came before and waits for these ids. */
  expect(ids: Iterable<string>): void;
  /** performance.now() at the end of each expected id's first receipt. */
  readonly receipts: Map<string, number>;
  /** Receipts of an expected id already received (a second attempt of a delivered one). */
  duplicates(): number;
  /** Receipts of ids not expected in this round, or without a parsable body. */
  strays(): number;
  /** Receipts without the RSA `Signature` header. */
  unsigned(): number;
  /** Resolves when every expected id has come, rejects after `timeoutMs`. */
  whenComplete(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  let expected = new Set<string>();
  const receipts = new Map<string, number>();
  let duplicates = 0;
  let strays = 0;
  let unsigned = 0;
  let complete: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      if (!req.headers.signature) unsigned++;
      let id: string | undefined;
      try {
        id = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { id?: string } }).data?.id;
      } catch {
        id = undefined;
      }
      if (id === undefined || !expected.has(id)) strays++;
      else if (receipts.has(id)) duplicates++;
      else {
        receipts.set(id, at);
        if (receipts.size === expected.size) complete?.();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    receipts,
    expect(ids) {
      expected = new Set(ids);
      receipts.clear();
      duplicates = 0;
      strays = 0;
      unsigned = 0;
      complete = undefined;
    },
    duplicates: () => duplicates,
    strays: () => strays,
    unsigned: () => unsigned,
    whenComplete(timeoutMs) {
      if (receipts.size === expected.size) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`the receiver got ${receipts.size} of ${expected.size} deliveries within ${timeoutMs} ms`),
            ),
          timeoutMs,
        );
        complete = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
