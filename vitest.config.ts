import { configDefaults, defineConfig } from 'vitest/config';

// The EventStoreDB contract needs a server: without one it is not collected at all, rather than skipped.
const ESDB_CONTRACT = 'test/contract/esdb-eventstore.test.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: process.env.EVENTSTORE_URL ? configDefaults.exclude : [...configDefaults.exclude, ESDB_CONTRACT],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over them and over PostgreSQL.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
