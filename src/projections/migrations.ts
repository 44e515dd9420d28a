import type { Migration } from '../platform/db.js';
import { idempotencyKeysMigration } from '../http/idempotency/migration.js';
import { checkpointsMigration } from './checkpoints.js';
import { membersMigration } from './members/members.js';
import { jwtKeysMigration } from '../platform/jwt-keys.js';
import { programSigningKeysMigration, programsMigration } from './tenancy/programs.js';
import { webhookSubscriptionsMigration } from './webhooks/subscriptions.js';
import { secretKeysMigration } from '../platform/secret-box.js';

export const projectionMigrations: readonly Migration[] = [checkpointsMigration, programsMigration, membersMigration, idempotencyKeysMigration, programSigningKeysMigration, jwtKeysMigration, webhookSubscriptionsMigration, secretKeysMigration];
