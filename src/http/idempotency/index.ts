export { idempotency, fingerprintOf, releasesKey, MAX_KEY_LENGTH, type IdempotencyOptions } from './middleware.js';
export { idempotencyKeysMigration } from './migration.js';
export { IdempotencyStore, RETENTION_MS } from './store.js';
