import type { Migration } from '../../../platform/db.js';
import type { Projection } from '../../projection.js';

export const givingPlansProjections: readonly Projection[] = [];
export const givingPlansMigrations: readonly Migration[] = [];
