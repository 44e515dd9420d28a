import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatPosition } from '../../../src/platform/eventstore/position.js';
import type { RecordedEvent } from '../../../src/platform/eventstore/types.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The CLI's environment: the test database and nothing that would switch the
 * store (EVENTSTORE_URL) or the log level away from what the tests expect.
 */
export function cliEnv(databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...extra };
  delete env.EVENTSTORE_URL;
  delete env.FORCE_COLOR;
  return env;
}

/**
 * Starts `src/cli.ts` as its own process with tsx's loader: what `npx tsx src/cli.ts`
 * runs, without npm in between (whose warnings would land on stderr and whose
 * wrapper processes would stand between a signal and the CLI). stdout and stderr
 * are pipes, as in `cli ... | wc -l`.
 */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env, stdio: 'pipe' });
}

export function collect(child: ChildProcessWithoutNullStreams): {
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly done: Promise<CliResult>;
} {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { stdout: () => stdout, stderr: () => stderr, done };
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return collect(startCli(args, env)).done;
}

/** The lines of NDJSON output, parsed. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** What one exported record must be, written out independently of the CLI's own formatter. */
export function record(e: RecordedEvent) {
  return {
    position: formatPosition(e.position),
    stream: e.streamName,
    revision: Number(e.revision),
    id: e.id,
    type: e.type,
    created_at: e.createdAt.toISOString(),
    data: e.data,
    metadata: e.metadata,
  };
}

export const ndjson = (events: readonly RecordedEvent[]): string =>
  events.map((e) => JSON.stringify(record(e)) + '\n').join('');
