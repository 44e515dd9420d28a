import type { Migration } from '../../../../platform/db.js';

export const programSigningKeysMigration: Migration = {
  name: '0006_program_signing_keys',
  async up(knex) {
    await knex.raw(`
      alter table rm_programs
        add column signing_key_id text,
        add column signing_public_key text,
        add column signing_key_registered_at timestamptz;
    `);
  },
};
