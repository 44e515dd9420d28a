import type { ProjectionsModule } from '../index.js';
import { membersProjection } from './members.js';
import { membersMigration } from './members/migrations/0004_rm_members.js';
import { memberBillingMigration } from './members/migrations/0050_member_billing.js';

export const membersProjections: ProjectionsModule = {
  projections: [membersProjection],
  migrations: [membersMigration, memberBillingMigration],
};
