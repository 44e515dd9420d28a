import { sqlMigration } from '../../../../platform/db.js';

/** The sandbox bank's count of polls per decoupled consent (by the details' digest): `sandbox-decoupled` waits one. */
export const sandboxBankPollsMigration = sqlMigration(
  '0533_hub_sandbox_bank_polls',
  `
      create table hub_sandbox_bank_polls (
        digest text primary key,
        polls integer not null
      );
    `,
);
