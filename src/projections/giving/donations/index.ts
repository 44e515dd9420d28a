import type { Migration } from '../../../platform/db.js';
import type { Projection } from '../../projection.js';

export const givingDonationsProjections: readonly Projection[] = [];
export const givingDonationsMigrations: readonly Migration[] = [];
