import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../cli/cli-process.js';

export const ADMIN_TOKEN = 'crash-test-admin-token-0123456789';

export interface AppProcess {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  output(): string;
  /** kill -9: no shutdown, no answer, nothing flushed. */
  crash(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no port');
  return address.port;
}

/**
 * `src/main.ts` as its own process (tsx's loader, as `npm start`), answering on a port of its own once /health answers.
 */
export async function startAppProcess(
  databaseUrl: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<AppProcess> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    POLL_INTERVAL_MS: '50',
    ...env,
  };
  delete childEnv.EVENTSTORE_URL;
  delete childEnv.FORCE_COLOR;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    baseUrl,
    child,
    output: () => output,
    crash: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}: ${output}`);
    const ready = await fetch(`${baseUrl}/health`).then(
      () => true,
      () => false,
    );
    if (ready) return app;
  }
  await app.crash();
  throw new Error(`the app did not answer within 60 s: ${output}`);
}
