import { sqlMigration } from '../../../../platform/db.js';

/**
 * Receipt images are JPEG, PNG or PDF, compressed already: PostgreSQL stores their bytes out of line without trying
 * to compress them again (a wasted pass over every upload).
 */
export const blobsExternalMigration = sqlMigration(
  '0592_hub_blobs_external',
  `alter table hub_blobs alter column bytes set storage external`,
);
