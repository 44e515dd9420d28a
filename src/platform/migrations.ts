import type { Migration } from './db.js';
import { eventStoreMigration, tenantOrderMigration } from './eventstore/postgres/schema.js';
import { jwtKeysMigration } from './jwt-keys.js';
import { sandboxPaymentsMigration } from './payments/index.js';
import { secretKeysMigration } from './secret-box.js';
import { platformKeysMigration } from './signing-key.js';

/** The tables platform owns; the app's whole list is assembled in src/contexts.ts. */
export const platformMigrations: readonly Migration[] = [
  eventStoreMigration,
  tenantOrderMigration,
  jwtKeysMigration,
  platformKeysMigration,
  secretKeysMigration,
  sandboxPaymentsMigration,
];

/** Migrations run in the order of their names, which are recorded in the database and never reused. */
export function inNameOrder(migrations: readonly Migration[]): Migration[] {
  return [...migrations].sort((a, b) => a.name.localeCompare(b.name));
}
