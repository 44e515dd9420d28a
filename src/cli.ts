/**
 * The analyst and operator CLI: `npm run cli -- <group> <command> [options]`.
 *
 * Each command group lives in its own file under src/cli/ and exports a
 * `CommandGroup` whose commands are built with `defineCommand` (options declared
 * for node:util parseArgs, usage text, and `run(args, ctx)` returning the exit
 * code). Adding a group, say `programs create --name N [--currency EUR]` in
 * src/cli/programs.ts, is that file plus its entry in `groups`; help,
 * usage errors (exit 2), failures (exit 1) and closing connections come with it.
 */
import type { CommandGroup } from './cli/command.js';
import { createContext } from './cli/context.js';
import { runCli } from './cli/dispatch.js';
import { eventsCommands } from './cli/events.js';
import { programsCommands } from './cli/programs.js';
import { projectionsCommands } from './cli/projections.js';
import { seedCommands } from './cli/seed.js';

const groups: readonly CommandGroup[] = [eventsCommands, projectionsCommands(), programsCommands, seedCommands];

const controller = new AbortController();
const interrupt = (): void => {
  // A second Ctrl-C does not wait for the command to reach a safe point.
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);
// A reader that goes away (`| head`) is not a failure; commands see it as EPIPE on their next write.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const ctx = createContext({
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
const code = await runCli(process.argv.slice(2), groups, ctx);
process.exitCode = code;
// Whatever is still open (a stray socket, a timer) must not keep a finished command alive.
setTimeout(() => process.exit(code), 2_000).unref();
