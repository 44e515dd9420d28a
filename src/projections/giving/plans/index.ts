import type { Migration } from '../../../platform/db.js';
import type { Projection } from '../../projection.js';
import { contactsProjection } from './contacts.js';
import { contactsMigration, plansMigration } from './migration.js';
import { plansProjection } from './plans.js';

export const givingPlansProjections: readonly Projection[] = [plansProjection, contactsProjection];
export const givingPlansMigrations: readonly Migration[] = [plansMigration, contactsMigration];
