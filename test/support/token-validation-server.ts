import { createServer, type IncomingHttpHeaders } from 'node:http';
import { opensslVerify } from './webhook-signature.js';

export interface ValidationCall {
  readonly headers: IncomingHttpHeaders;
  /** What openssl said of the Signature over `x-access-token|Api-Key|Expires-at|`: `Verified OK` when it holds. */
  readonly openssl: string;
}

export interface ValidationServer {
  readonly url: string;
  readonly calls: ValidationCall[];
  close(): Promise<void>;
}

/** seed 004's signature of a validation call, checked by the openssl command line against the platform's key. */
export const opensslVerdict = (headers: IncomingHttpHeaders, publicKeyPem: string): string =>
  opensslVerify(
    publicKeyPem,
    `${String(headers['x-access-token'])}|${String(headers['api-key'])}|${String(headers['expires-at'])}|`,
    String(headers.signature),
  );

/**
 * A program's token validation end-point on loopback: it checks each call's signature with openssl (a bad one is
 * 401 whatever `answer` says), then answers what `answer` decides for the call's token.
 */
export async function startValidationServer(
  publicKeyPem: () => Promise<string>,
  answer: (token: string, headers: IncomingHttpHeaders) => { status: number; body?: unknown; delayMs?: number },
): Promise<ValidationServer> {
  const calls: ValidationCall[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const openssl = opensslVerdict(req.headers, await publicKeyPem());
      calls.push({ headers: req.headers, openssl });
      const decided =
        openssl === 'Verified OK' ? answer(String(req.headers['x-access-token']), req.headers) : { status: 401 };
      if (decided.delayMs) await new Promise((r) => setTimeout(r, decided.delayMs));
      if (res.destroyed) return;
      res.writeHead(decided.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(decided.body ?? {}));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/validate`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
