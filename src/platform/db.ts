import knexFactory, { type Knex } from 'knex';
import pg from 'pg';

// bigint columns come back as strings from pg; counts and sums here fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

export function createKnex(connectionString: string, pool: { min?: number; max?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString, options: '-c idle_in_transaction_session_timeout=60000' },
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
  });
}

/** Creates the database named in the URL when it does not exist yet. */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`database name "${name}" must be letters, digits, _ or -`);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
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
        return Promise.resolve({ up: (k: Knex) => m.up(k), down: (k: Knex) => (m.down ? m.down(k) : Promise.resolve()) });
      },
    },
  })) as [number, string[]];
  return applied;
}

/** One line that says what is down and how to start it, instead of a stack trace. */
export function describeConnectionError(error: unknown, what: 'PostgreSQL' | 'Redis', url: string): string | undefined {
  const code = (error as { code?: string }).code;
  if (!code || !['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code)) return undefined;
  const where = new URL(url);
  const start =
    what === 'PostgreSQL'
      ? 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
      : 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';
  return `${what} is not answering at ${where.host} (${code}). Start it with: ${start}`;
}
