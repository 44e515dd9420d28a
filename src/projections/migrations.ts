import type { Migration } from '../platform/db.js';
import { checkpointsMigration } from './checkpoints.js';
import { parkedEventsMigration } from './parked.js';

/** The projection runner's own tables; each context's read models bring their migrations in its index.ts. */
export const runnerMigrations: readonly Migration[] = [checkpointsMigration, parkedEventsMigration];
