import type { Migration } from '../../../platform/db.js';
import type { Projection } from '../../projection.js';
import { givingDonationsMigration } from './migrations.js';
import { givingDonationsProjection } from './projection.js';

export const givingDonationsProjections: readonly Projection[] = [givingDonationsProjection];
export const givingDonationsMigrations: readonly Migration[] = [givingDonationsMigration];
