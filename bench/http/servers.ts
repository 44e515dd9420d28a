import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage, ServerMode } from './server.js';

const SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url));

/** A server in a child process, on loopback. */
export interface ChildServer {
  readonly mode: ServerMode;
  readonly pid: number;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Forks `server.ts <mode>` with `env` and waits until it listens (or fails, or `timeoutMs` pass).
 * With BENCH_HTTP_CPU_PROF=<dir>, each server writes a V8 CPU profile there when it stops.
 */
export async function startServer(mode: ServerMode, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ChildServer> {
  const profileDir = process.env.BENCH_HTTP_CPU_PROF;
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(SCRIPT, [mode], { env, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the ${mode} server did not listen within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.on('message', (message: ServerMessage) => {
      clearTimeout(timer);
      if ('port' in message) resolve(message.port);
      else reject(new Error(`the ${mode} server failed to start: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the ${mode} server exited before listening (code ${String(code)}, signal ${String(signal)})`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited(child);
    throw error;
  });
  return {
    mode,
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      const done = exited(child);
      if (child.connected) child.send('stop');
      else child.kill('SIGTERM');
      // A server that does not stop within 15 s is killed: the bench must exit.
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}
