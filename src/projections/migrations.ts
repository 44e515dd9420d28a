import type { Migration } from '../platform/db.js';
import { idempotencyKeysMigration } from '../http/idempotency/migration.js';
import { checkpointsMigration } from './checkpoints.js';
import { parkedEventsMigration } from './parked.js';
import { givingMigrations } from './giving/index.js';
import { membersMigrations } from './members/index.js';
import { perksMigrations } from './perks/index.js';
import { jwtKeysMigration } from '../platform/jwt-keys.js';
import { programSigningKeysMigration, programsMigration } from './tenancy/programs.js';
import { webhookSubscriptionsMigration } from './webhooks/subscriptions.js';
import { secretKeysMigration } from '../platform/secret-box.js';

/**
 * Names are numbered by owner so contexts never collide: 0001-0049 platform,
 * tenancy and webhooks; 0050-0099 members; 01xx perks and causes; 02xx giving
 * campaigns and donations; 03xx giving plans, contacts, companies and tags.
 */
export const projectionMigrations: readonly Migration[] = [
  checkpointsMigration,
  parkedEventsMigration,
  programsMigration,
  ...membersMigrations,
  idempotencyKeysMigration,
  programSigningKeysMigration,
  jwtKeysMigration,
  webhookSubscriptionsMigration,
  secretKeysMigration,
  ...perksMigrations,
  ...givingMigrations,
];
