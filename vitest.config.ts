import { configDefaults, defineConfig } from 'vitest/config';

// The EventStoreDB contract needs a server: without one it is not collected at all, rather than skipped.
const ESDB_CONTRACT = 'test/contract/esdb-eventstore.test.ts';
// Files that time a recovery (an outage, a killed projector) against a bound: they run last, one at a time, on a
// machine the rest of the suite no longer loads, so a bound they miss is theirs and not two busy cores'.
const TIMED_RECOVERY = ['test/e2e/outage/**/*.test.ts', 'test/e2e/scale-out/**/*.test.ts'];
const excluded = process.env.EVENTSTORE_URL ? configDefaults.exclude : [...configDefaults.exclude, ESDB_CONTRACT];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over them and over PostgreSQL.
    maxWorkers: 2,
    // Test files share a worker's modules: every e2e file imports the whole app, and importing it afresh per file
    // was half the suite's time. Nothing in src keeps state across apps at module level that a test relies on.
    isolate: false,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...excluded, ...TIMED_RECOVERY],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'timed-recovery',
          include: TIMED_RECOVERY,
          exclude: excluded,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
