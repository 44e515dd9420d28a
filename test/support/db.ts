import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** A fresh, migrated database of its own for one test file (a copy of the run's template). */
export async function createTestDatabase(): Promise<string> {
  const prefix = inject('testDatabasePrefix');
  const server = inject('serverUrl');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(`create database "${name}" template "${prefix}_tmpl"`);
  } finally {
    await client.end();
  }
  return `${server}/${name}`;
}
