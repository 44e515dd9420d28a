import { sqlMigration } from '../../../../platform/db.js';

/** Linked cards live beside bank connections: no bank, a last4. */
export const cardConnectionsMigration = sqlMigration(
  '0534_rm_hub_card_connections',
  `
      alter table rm_hub_connections alter column bank_id drop not null;
      alter table rm_hub_connections add column last4 text;
    `,
);
