import { EsdbEventStore } from '../../src/platform/eventstore/esdb/store.js';
import { describeEventStoreContract } from './eventstore-contract.js';

// Collected only when EVENTSTORE_URL is set (see vitest.config.ts).
describeEventStoreContract('EventStoreDB', () =>
  Promise.resolve(new EsdbEventStore({ connectionString: process.env.EVENTSTORE_URL! })),
);
