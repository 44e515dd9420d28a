import pg from 'pg';
import { ensureDatabase } from '../../src/platform/db.js';

const nameOf = (databaseUrl: string): string => decodeURIComponent(new URL(databaseUrl).pathname.slice(1));

/** A statement on the server's `postgres` database, for creating and dropping the bench's own. */
async function adminQuery(databaseUrl: string, text: string): Promise<void> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await adminQuery(databaseUrl, `drop database if exists "${nameOf(databaseUrl)}" with (force)`);
}

/** Drops and recreates a database, empty. */
export async function freshDatabase(databaseUrl: string): Promise<void> {
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
}
