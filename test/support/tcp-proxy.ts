import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The loopback port clients connect to instead of the target's. */
  readonly port: number;
  /** `url` with its host and port swapped for this proxy's. */
  through(url: string): string;
  /** As if the target went down: open connections are reset, new ones refused. */
  cut(): Promise<void>;
  /** Takes connections again, on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * A TCP proxy in front of a shared server (PostgreSQL, Redis), so a test can take
 * that server away from one app without stopping it for everyone else.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const pipe = (client: Socket): void => {
    const upstream = createConnection(target.port, target.host);
    open.add(client).add(upstream);
    const drop = (socket: Socket) => () => open.delete(socket);
    client.on('close', drop(client));
    upstream.on('close', drop(upstream));
    // Either side failing ends both, with a reset, as a dying server's connection would.
    client.on('error', () => upstream.resetAndDestroy());
    upstream.on('error', () => client.resetAndDestroy());
    client.pipe(upstream).pipe(client);
  };
  let server = createServer(pipe);
  await listenOn(server, 0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const stopListening = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));
  return {
    port,
    through(url) {
      const swapped = new URL(url);
      swapped.hostname = '127.0.0.1';
      swapped.port = String(port);
      return swapped.toString();
    },
    async cut() {
      // A closed listener makes new connections fail with ECONNREFUSED, as a stopped server does.
      const closed = stopListening();
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
      await closed;
    },
    async restore() {
      if (server.listening) return;
      server = createServer(pipe);
      for (let attempt = 0; ; attempt++) {
        try {
          await listenOn(server, port);
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    },
    async close() {
      for (const socket of open) socket.destroy();
      open.clear();
      if (server.listening) await stopListening();
    },
  };
}
