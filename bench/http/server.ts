/**
 * A server the bench loads, in a child process of its own so autocannon (in the
 * parent) never shares its event loop: `bare` (express 5, one JSON route) or
 * `app` (the whole app, as `start` runs it, configured from the environment).
 * Sends `{ port }` to the parent once listening; on `stop` (or when the parent
 * goes away) closes everything and exits.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { start } from '../../src/main.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';

export type ServerMode = 'bare' | 'app';

/** What the child says to the parent. */
export type ServerMessage = { readonly port: number } | { readonly error: string };

async function bare(): Promise<{ port: number; stop: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/bare', (_req, res) => {
    res.json({ data: { ok: true }, version: 1 });
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function wholeApp(): Promise<{ port: number; stop: () => Promise<void> }> {
  const config = loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  const running = await start(config, createLogger(config.LOG_LEVEL));
  const address = running.server?.address();
  if (!address || typeof address !== 'object') {
    await running.stop();
    throw new Error('the app is not listening (is the api role in ROLES?)');
  }
  return {
    port: address.port,
    stop: async () => {
      const stopped = running.stop();
      // Keep-alive sockets left by autocannon would hold server.close() open.
      running.server?.closeAllConnections();
      await stopped;
    },
  };
}

async function main(mode: ServerMode): Promise<void> {
  const { port, stop } = mode === 'bare' ? await bare() : await wholeApp();
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`bench server (${mode}): stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('message', (message) => {
    if (message === 'stop') shutdown();
  });
  process.on('disconnect', shutdown);
  process.on('SIGTERM', shutdown);
  process.send?.({ port } satisfies ServerMessage);
}

const mode = process.argv[2];
if (mode !== 'bare' && mode !== 'app') {
  process.stderr.write(`usage: server.ts bare|app (got ${String(mode)})\n`);
  process.exit(2);
}
try {
  await main(mode);
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.message : String(error) } satisfies ServerMessage);
  process.exit(1);
}
