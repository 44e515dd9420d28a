import type { Migration } from '../../../../platform/db.js';

/** An offline gift (check, cash) may be recorded without an email. */
export const donationEmailOptionalMigration: Migration = {
  name: '0201_donation_email_optional',
  async up(knex) {
    await knex.raw('alter table rm_giving_donations alter column email drop not null');
  },
  async down(knex) {
    await knex.raw(`delete from rm_giving_donations where email is null`);
    await knex.raw('alter table rm_giving_donations alter column email set not null');
  },
};
