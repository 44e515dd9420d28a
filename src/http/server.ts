import type { Server } from 'node:http';
import type { Express } from 'express';

/** How long requests under way may take to finish once the server stops. */
export const SHUTDOWN_GRACE_MS = 5_000;

/** Listens on `port` and `host`; answers the server once it listens. */
export async function listen(app: Express, port: number, host: string): Promise<Server> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  // A client reusing an idle connection just as the server closes it gets a reset. Clients and load balancers keep
  // idle connections for seconds up to a minute: the server keeps them longer, so it is the client that lets go.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

/**
 * Stops taking connections, lets the requests under way finish for up to `graceMs`, then cuts what is left: a followed
 * replay never ends by itself (its client resumes from the last position it got), and a connection a client opened
 * without sending a request would hold the stop for Node's 60 s header timeout.
 */
export function closeServer(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
