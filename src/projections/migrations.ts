import type { Migration } from '../platform/db.js';
import { checkpointsMigration } from './checkpoints.js';

export const projectionMigrations: readonly Migration[] = [checkpointsMigration];
