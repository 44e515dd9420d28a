import type { ProjectionsModule } from '../index.js';
import { memberBillingMigration } from './billing-migration.js';
import { membersMigration, membersProjection } from './members.js';

export const membersProjections: ProjectionsModule = { projections: [membersProjection], migrations: [membersMigration, memberBillingMigration] };
