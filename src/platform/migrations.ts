import type { Migration } from './db.js';
import { eventStoreMigration } from './eventstore/postgres/schema.js';
import { projectionMigrations } from '../projections/migrations.js';
import { webhookDeliveriesMigration } from '../projections/webhooks/deliveries/migrations/0011_webhook_deliveries.js';
import { platformKeysMigration } from './signing-key.js';
import { sandboxPaymentsMigration } from './payments/index.js';

/** Every migration of the app, in the order they run. Names are never reused. */
export const allMigrations: readonly Migration[] = [eventStoreMigration, ...projectionMigrations, platformKeysMigration, webhookDeliveriesMigration, sandboxPaymentsMigration].sort(
  (a, b) => a.name.localeCompare(b.name),
);
