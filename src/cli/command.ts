import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliContext } from './context.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** Bad arguments: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The usage to print under the message; the command's own when omitted. */
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** Exit codes: 0 done, 1 failed, 2 bad arguments, 130 interrupted before finishing. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

export interface CommandSpec<O extends Options> {
  readonly name: string;
  readonly summary: string;
  /** Everything after `<group> <name>`, e.g. `[--out file] <name>`. */
  readonly synopsis: string;
  /** Option and argument descriptions, printed under the synopsis by --help. */
  readonly details: string;
  readonly options: O;
  /** How many positional arguments the command takes (default: none). */
  readonly positionals?: { readonly min: number; readonly max: number };
  run(args: Parsed<O>, ctx: CliContext): Promise<number | void>;
}

/** A command with its argument types erased, so groups can hold commands of different shapes. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The full help text. */
  usage(group: string): string;
  /** One line, printed under a usage error. */
  synopsis(group: string): string;
  /** Parses `argv` (throws UsageError) and returns what runs it. */
  parse(argv: readonly string[]): (ctx: CliContext) => Promise<number>;
}

export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  readonly commands: readonly Command[];
}

export function defineCommand<const O extends Options>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: (group) =>
      `usage: npm run cli -- ${group} ${spec.name} ${spec.synopsis}\n\n${spec.summary}\n\n${spec.details.trimEnd()}\n`,
    synopsis: (group) =>
      `usage: npm run cli -- ${group} ${spec.name} ${spec.synopsis}\nRun "npm run cli -- ${group} ${spec.name} --help" for details.\n`,
    parse(argv) {
      let args: Parsed<O>;
      try {
        args = parseArgs({ args: [...argv], options: spec.options, allowPositionals: true, strict: true });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message);
        throw error;
      }
      const { min, max } = spec.positionals ?? { min: 0, max: 0 };
      const count = args.positionals.length;
      if (count > max) throw new UsageError(`unexpected argument "${args.positionals[max]}"`);
      if (count < min) throw new UsageError(`missing argument (see the synopsis)`);
      return async (ctx) => (await spec.run(args, ctx)) ?? EXIT.ok;
    },
  };
}

/** Rejects combinations of options that exclude each other. */
export function exclusive(values: Record<string, unknown>, ...names: string[]): void {
  const given = names.filter(
    (n) => values[n] !== undefined && values[n] !== false && !(Array.isArray(values[n]) && values[n].length === 0),
  );
  if (given.length > 1) throw new UsageError(`${given.map((n) => `--${n}`).join(' and ')} cannot be combined`);
}

/** A failure the operator can act on: the CLI prints the message alone, without a stack, and exits 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}
