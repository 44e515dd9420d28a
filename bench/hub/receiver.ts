import { createServer, type Server } from 'node:http';

/** The program's end of customer_transactions: counts each transaction id it is sent, answering 200 at once. */
export interface TransactionReceiver {
  readonly url: string;
  /** Times each transaction id was received. */
  readonly seen: Map<string, number>;
  /** Deliveries without the platform's RSA `Signature` header, or whose body is not customer_transactions. */
  readonly unsigned: () => number;
  readonly deliveries: () => number;
  /** Resolves once every id of `ids` has come (or rejects after `timeoutMs`). */
  whenAll(ids: ReadonlySet<string>, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export async function startTransactionReceiver(): Promise<TransactionReceiver> {
  const seen = new Map<string, number>();
  let unsigned = 0;
  let deliveries = 0;
  let check: (() => void) | undefined;
  /** One delivery: its transaction ids counted, its signature header and event name checked. */
  const take = (body: Buffer, signed: boolean) => {
    deliveries++;
    let parsed: { event?: string; transactions?: { id: string }[] } = {};
    try {
      parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
    } catch {
      parsed = {};
    }
    if (!signed || parsed.event !== 'customer_transactions') unsigned++;
    for (const t of parsed.transactions ?? []) seen.set(t.id, (seen.get(t.id) ?? 0) + 1);
    lastAt = performance.now();
    check?.();
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      take(Buffer.concat(chunks), req.headers.signature !== undefined);
    })();
  });
  let lastAt = 0;
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    seen,
    unsigned: () => unsigned,
    deliveries: () => deliveries,
    whenAll(ids, timeoutMs) {
      const done = () => [...ids].every((id) => seen.has(id));
      if (done()) return Promise.resolve(lastAt);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const got = [...ids].filter((id) => seen.has(id)).length;
          reject(new Error(`the receiver got ${got} of ${ids.size} transactions within ${timeoutMs} ms`));
        }, timeoutMs);
        check = () => {
          if (!done()) return;
          clearTimeout(timer);
          check = undefined;
          resolve(lastAt);
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
