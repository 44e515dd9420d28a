import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { createKnex, describeConnectionError, ensureDatabase, migrate, type Migration } from './db.js';
import { createEventStore } from './eventstore/index.js';
import type { EventStore } from './eventstore/types.js';
import type { Logger } from './logger.js';
import { createRedis, probeRedis } from './redis.js';

export interface Infrastructure {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly redis: Redis;
  close(): Promise<void>;
}

/** A failure to reach a dependency, already phrased for the operator. */
export class DependencyError extends Error {
  override readonly name = 'DependencyError';
}

async function reach<T>(what: 'PostgreSQL' | 'Redis', url: string, attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    const line = describeConnectionError(error, what, url);
    if (line) throw new DependencyError(line);
    throw error;
  }
}

/**
 * Connects to PostgreSQL (creating the database and running the app's migrations, which the composition root
 * assembles), the event store and Redis.
 */
export async function connectInfrastructure(
  config: Config,
  logger: Logger,
  migrations: readonly Migration[],
): Promise<Infrastructure> {
  await reach('PostgreSQL', config.DATABASE_URL, () => ensureDatabase(config.DATABASE_URL));
  const knex = createKnex(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const applied = await reach('PostgreSQL', config.DATABASE_URL, () => migrate(knex, migrations));
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
  await reach('Redis', config.REDIS_URL, () => probeRedis(config.REDIS_URL)).catch(async (error: unknown) => {
    await knex.destroy();
    throw error;
  });
  const redis = createRedis(config.REDIS_URL);
  redis.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();
  const store = await createEventStore(config, logger);
  return {
    knex,
    store,
    redis,
    async close() {
      await store.close();
      redis.disconnect();
      await knex.destroy();
    },
  };
}
