import type { ProjectionsModule } from '../index.js';
import { contactsMigration } from './contacts/migrations/0301_rm_giving_contacts.js';
import { contactsProjection } from './contacts/projection.js';
import { givingDonationsMigration } from './donations/migrations/0200_rm_giving_donations.js';
import { donationEmailOptionalMigration } from './donations/migrations/0201_donation_email_optional.js';
import { givingDonationsProjection } from './donations/projection.js';
import { plansMigration } from './plans/migrations/0300_rm_giving_plans.js';
import { plansProjection } from './plans/projection.js';

/** Giving's read models; campaigns are applied by the donations projection, which moves their totals. */
export const givingProjections: ProjectionsModule = {
  projections: [givingDonationsProjection, plansProjection, contactsProjection],
  migrations: [givingDonationsMigration, donationEmailOptionalMigration, plansMigration, contactsMigration],
};
