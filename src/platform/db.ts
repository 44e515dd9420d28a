import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { READ_MODEL_ONLY } from './eventstore/types.js';

// bigint columns come back as strings from pg; counts and sums here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
  /** false for a statement PostgreSQL refuses inside a transaction (`create index concurrently`). */
  readonly transaction?: false;
}

/** A migration that is one SQL script, run forward only. */
export const sqlMigration = (name: string, sql: string): Migration => ({
  name,
  async up(knex) {
    await knex.raw(sql);
  },
});

/**
 * How long a new connection, or a wait for a free one in a full pool, may take: a request fails fast while PostgreSQL
 * is away.
 */
export const CONNECT_TIMEOUT_MS = 3_000;

export function createKnex(
  connectionString: string,
  pool: { min?: number; max?: number; connectTimeoutMs?: number } = {},
): Knex {
  const connectTimeoutMs = pool.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString,
      // The event store appends on its own pool, never on this one: its transactions hold no reader back.
      application_name: READ_MODEL_ONLY,
      options: '-c idle_in_transaction_session_timeout=60000',
      connectionTimeoutMillis: connectTimeoutMs,
    },
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
    acquireConnectionTimeout: connectTimeoutMs,
  });
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);
/** 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 is every connection exception. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/, // pg: the server or the network closed the connection
  /^timeout exceeded when trying to connect/, // pg-pool's connectionTimeoutMillis
  /not queryable/, // pg: a client whose connection already failed
  /^Client was closed and is not queryable/,
  /^Connection ended unexpectedly/, // pg: the socket closed while a query waited
];

/**
 * Whether an error says PostgreSQL (or the way to it) is unreachable, rather than
 * that the statement was wrong: a connection refused, reset or timed out, a server
 * shutting down, knex's pool unable to hand out a connection. Follows `cause`s.
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (error.name === 'KnexTimeoutError') return true;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
  )
    return true;
  if (UNREACHABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1)))
    return true;
  return isDatabaseUnreachable(error.cause, depth + 1);
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits, _ or -`);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined); // its query fails too, and says so to the caller
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`create database "${name}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

/** Runs migrations given in code, in order (the knex CLI cannot load TypeScript). */
export async function migrate(knex: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const [, applied] = (await knex.migrate.latest({
    tableName: 'gs_migrations',
    migrationSource: {
      getMigrations: () => Promise.resolve(migrations.map((m) => m.name)),
      getMigrationName: (name: string) => name,
      getMigration: (name: string) => {
        const m = byName.get(name);
        if (!m) throw new Error(`unknown migration ${name}`);
        return Promise.resolve({
          up: (k: Knex) => m.up(k),
          down: (k: Knex) => (m.down ? m.down(k) : Promise.resolve()),
          ...(m.transaction === false ? { config: { transaction: false } } : {}),
        });
      },
    },
  })) as [number, string[]];
  return applied;
}

/** One line that says what is down and how to start it, instead of a stack trace. */
export function describeConnectionError(error: unknown, what: 'PostgreSQL' | 'Redis', url: string): string | undefined {
  const code = (error as { code?: string }).code;
  if (!code || !['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code))
    return undefined;
  const where = new URL(url);
  const start =
    what === 'PostgreSQL'
      ? 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
      : 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';
  return `${what} is not answering at ${where.host} (${code}). Start it with: ${start}`;
}
