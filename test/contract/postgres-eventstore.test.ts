import { createTestDatabase } from '../support/db.js';
import { PostgresEventStore } from '../../src/platform/eventstore/postgres/store.js';
import { describeEventStoreContract } from './eventstore-contract.js';

describeEventStoreContract(
  'PostgreSQL',
  async () => new PostgresEventStore({ connectionString: await createTestDatabase(), pollMs: 50 }),
);
