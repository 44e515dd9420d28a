import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createKnex, ensureDatabase, migrate } from '../../src/platform/db.js';
import { allMigrations } from '../../src/contexts.js';
import { writeFile } from 'node:fs/promises';
import { generateTypes, TYPES_FILE } from './openapi/types.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabasePrefix: string;
    serverUrl: string;
  }
}

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const STALE_MS = 6 * 3600_000;

async function adminQuery<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function dropDatabases(pattern: (name: string) => boolean): Promise<void> {
  const rows = await adminQuery<{ datname: string }>("select datname from pg_database where datname like 'gs_t_%'");
  for (const { datname } of rows.filter((r) => pattern(r.datname))) {
    await adminQuery(`drop database if exists "${datname}" with (force)`);
  }
}

/**
 * Every run gets its own databases, cloned from a template migrated once here,
 * so leftovers and parallel runs cannot interfere.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const prefix = `gs_t_${runId}`;
  await dropDatabases((name) => {
    const started = parseInt(name.slice(5, 13), 36);
    return Number.isFinite(started) && Date.now() - started > STALE_MS;
  });
  const template = `${SERVER_URL}/${prefix}_tmpl`;
  await ensureDatabase(template);
  const knex = createKnex(template);
  try {
    await migrate(knex, allMigrations);
  } finally {
    await knex.destroy();
  }
  // The generated client's types, from the document the routes make today (git ignores the file).
  await writeFile(TYPES_FILE, await generateTypes());
  project.provide('testDatabasePrefix', prefix);
  project.provide('serverUrl', SERVER_URL);
  return () => dropDatabases((name) => name.startsWith(prefix));
}
