import type { Writable } from 'node:stream';
import type { Knex } from 'knex';
import pg from 'pg';
import { loadConfig, type Config } from '../platform/config.js';
import { createEventStore } from '../platform/eventstore/index.js';
import type { EventStore } from '../platform/eventstore/types.js';
import { createLogger, type Logger } from '../platform/logger.js';

export type CliStream = Writable & { readonly isTTY?: boolean };

/**
 * What a command may use. Everything is made on first use: `--help` and usage
 * errors need no configuration, and a command opens only the connections it
 * needs (none of these commands needs Redis). Nothing here creates or migrates
 * the database: an analyst pointing DATABASE_URL at the wrong place should get
 * an error, not a new empty database.
 */
export interface CliContext {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Aborted on SIGINT or SIGTERM: long commands stop at the next safe point. */
  readonly signal: AbortSignal;
  config(): Config;
  logger(): Logger;
  /** The event store, once PostgreSQL has answered. */
  store(): Promise<EventStore>;
  /** A knex pool on DATABASE_URL, once PostgreSQL has answered. */
  knex(): Promise<Knex>;
  /** Closes whatever was opened. */
  close(): Promise<void>;
}

export interface ContextOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly signal: AbortSignal;
}

export function createContext(options: ContextOptions): CliContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  let store: Promise<EventStore> | undefined;
  let knex: Knex | undefined;
  let reachable: Promise<void> | undefined;
  // One plain connection first, so an unreachable or missing database fails once,
  // with pg's error, instead of through knex's pool (which logs its own stack).
  const preflight = (): Promise<void> =>
    (reachable ??= (async () => {
      const client = new pg.Client({ connectionString: ctx.config().DATABASE_URL });
      client.on('error', () => undefined);
      try {
        await client.connect();
      } finally {
        await client.end().catch(() => undefined);
      }
    })());
  const ctx: CliContext = {
    stdout: options.stdout,
    stderr: options.stderr,
    signal: options.signal,
    config: () => (config ??= loadConfig(options.env)),
    // Logs go to stderr: stdout carries the command's output.
    logger: () => (logger ??= createLogger(ctx.config().LOG_LEVEL, options.stderr)),
    async store() {
      if (!ctx.config().EVENTSTORE_URL) await preflight();
      return (store ??= createEventStore(ctx.config(), ctx.logger()));
    },
    async knex() {
      await preflight();
      // Loaded here: knex is a sizeable share of the CLI's memory, and most commands never use it.
      const { createKnex } = await import('../platform/db.js');
      return (knex ??= createKnex(ctx.config().DATABASE_URL, { max: 4 }));
    },
    async close() {
      const opened = store;
      store = undefined;
      await Promise.allSettled([opened?.then((s) => s.close()), knex?.destroy()]);
      knex = undefined;
    },
  };
  return ctx;
}
