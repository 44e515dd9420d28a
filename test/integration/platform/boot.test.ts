import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../../src/contexts.js';
import { connectInfrastructure, DependencyError } from '../../../src/platform/boot.js';
import { loadConfig } from '../../../src/platform/config.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createTestDatabase } from '../../support/db.js';

const logger = createLogger('silent');

describe('connecting to the dependencies', () => {
  it('when PostgreSQL does not answer, then one line names it and how to start it', async () => {
    const error = await connectInfrastructure(
      loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/goodstream' }),
      logger,
      allMigrations,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyError);
    expect((error as Error).message).toMatch(
      /^PostgreSQL is not answering at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. Start it with: pg_ctlcluster/,
    );
  });

  it('when Redis does not answer, then one line names it and how to start it', async () => {
    const config = loadConfig({ DATABASE_URL: await createTestDatabase(), REDIS_URL: 'redis://127.0.0.1:1' });
    const error = await connectInfrastructure(config, logger, allMigrations).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyError);
    expect((error as Error).message).toMatch(
      /^Redis is not answering at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. Start it with: redis-server/,
    );
  });

  it('when the database does not exist, then it is created and migrated', async () => {
    const url = `${await createTestDatabase()}_fresh`;
    const infra = await connectInfrastructure(loadConfig({ DATABASE_URL: url }), logger, allMigrations);
    try {
      const tables = await infra.knex('pg_tables').where({ schemaname: 'public' }).pluck('tablename');
      expect(tables).toEqual(
        expect.arrayContaining(['gs_events', 'gs_checkpoints', 'rm_programs', 'rm_members', 'gs_migrations']),
      );
    } finally {
      await infra.close();
    }
  });
});
