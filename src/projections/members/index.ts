import type { Migration } from '../../platform/db.js';
import type { Projection } from '../projection.js';
import { memberBillingMigration } from './billing-migration.js';
import { membersMigration, membersProjection } from './members.js';

export const membersProjections: readonly Projection[] = [membersProjection];
export const membersMigrations: readonly Migration[] = [membersMigration, memberBillingMigration];
