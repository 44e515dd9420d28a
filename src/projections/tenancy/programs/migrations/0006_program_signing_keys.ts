import { sqlMigration } from '../../../../platform/db.js';

export const programSigningKeysMigration = sqlMigration(
  '0006_program_signing_keys',
  `
      alter table rm_programs
        add column signing_key_id text,
        add column signing_public_key text,
        add column signing_key_registered_at timestamptz;
    `,
);
