import pg from 'pg';
import { ConfigError } from '../platform/config.js';
import { CommandFailure, EXIT, UsageError, type Command, type CommandGroup } from './command.js';
import type { CliContext } from './context.js';

const PROGRAM = 'npm run cli --';

function overview(groups: readonly CommandGroup[]): string {
  const lines = groups.flatMap((g) => g.commands.map((c) => [`${g.name} ${c.name}`, c.summary] as const));
  const width = Math.max(...lines.map(([name]) => name.length));
  return [
    `usage: ${PROGRAM} <command> [options]`,
    '',
    'commands:',
    ...lines.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    'Configuration comes from the environment (DATABASE_URL, LOG_LEVEL, ...).',
    'When piping output, run "npm run --silent cli -- ...": plain "npm run" prints its banner to stdout.',
    'Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted.',
    '',
  ].join('\n');
}

function groupUsage(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((c) => c.name.length));
  return [
    `usage: ${PROGRAM} ${group.name} <${group.commands.map((c) => c.name).join('|')}> [options]`,
    '',
    group.summary,
    '',
    ...group.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Help asked for before the `--` that ends the options. */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/**
 * Finds the command named by the first two words of `argv`, parses the rest with
 * its options and runs it. Returns the exit code; never throws.
 */
export async function runCli(
  argv: readonly string[],
  groups: readonly CommandGroup[],
  ctx: CliContext,
): Promise<number> {
  const usageError = (message: string, usage: string): number => {
    ctx.stderr.write(`error: ${message}\n\n${usage}`);
    return EXIT.usage;
  };
  const [groupName, commandName, ...rest] = argv;
  if (groupName === undefined) return usageError('no command given', overview(groups));
  if (groupName === 'help' || groupName === '--help' || groupName === '-h') {
    ctx.stdout.write(overview(groups));
    return EXIT.ok;
  }
  const group = groups.find((g) => g.name === groupName);
  if (!group) return usageError(`unknown command "${groupName}"`, overview(groups));
  if (commandName === '--help' || commandName === '-h' || commandName === 'help') {
    ctx.stdout.write(groupUsage(group));
    return EXIT.ok;
  }
  if (commandName === undefined) return usageError(`"${group.name}" needs a subcommand`, groupUsage(group));
  const command: Command | undefined = group.commands.find((c) => c.name === commandName);
  if (!command) return usageError(`unknown command "${group.name} ${commandName}"`, groupUsage(group));
  if (wantsHelp(rest)) {
    ctx.stdout.write(command.usage(group.name));
    return EXIT.ok;
  }
  try {
    const run = command.parse(rest);
    return await run(ctx);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message, error.usage ?? command.synopsis(group.name));
    return await reportFailure(error, ctx);
  } finally {
    await ctx.close();
  }
}

/** One line for what an operator can fix; the stack only for what looks like a bug. */
async function reportFailure(error: unknown, ctx: CliContext): Promise<number> {
  if ((error as { code?: string }).code === 'EPIPE') return EXIT.ok; // the reader went away (`| head`): not a failure
  ctx.stderr.write(`error: ${await describe(error, ctx)}\n`);
  return EXIT.failure;
}

async function describe(error: unknown, ctx: CliContext): Promise<string> {
  if (error instanceof ConfigError) return `invalid configuration: ${error.problems.join('; ')}`;
  // By name: importing boot.ts for the class would load Redis, knex and every projection into each command.
  if (error instanceof CommandFailure || (error instanceof Error && error.name === 'DependencyError'))
    return error.message;
  let url: string | undefined;
  try {
    url = ctx.config().DATABASE_URL;
  } catch {
    url = undefined;
  }
  const { describeConnectionError } = await import('../platform/db.js');
  const unreachable = url ? describeConnectionError(error, 'PostgreSQL', url) : undefined;
  if (unreachable) return unreachable;
  if (error instanceof pg.DatabaseError) {
    const where = url ? ` (DATABASE_URL ${new URL(url).host}${new URL(url).pathname})` : '';
    if (error.code === '3D000') return `PostgreSQL: ${error.message}${where}`;
    if (error.code === '42P01')
      return `PostgreSQL: ${error.message}${where}: the database is not migrated; start the app once (npm start) to migrate it`;
    return `PostgreSQL error ${error.code ?? ''}: ${error.message}`;
  }
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
