import type { Migration } from '../platform/db.js';
import { checkpointsMigration } from './checkpoints.js';
import { membersMigration } from './members/members.js';
import { programsMigration } from './tenancy/programs.js';

export const projectionMigrations: readonly Migration[] = [checkpointsMigration, programsMigration, membersMigration];
