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
    // Test files share a worker's modules: every e2e file imports the whole app, and importing it afresh per file
    // was half the suite's time. Nothing in src keeps state across apps at module level that a test relies on.
    isolate: false,
    reporters: ['default'],
  },
});
