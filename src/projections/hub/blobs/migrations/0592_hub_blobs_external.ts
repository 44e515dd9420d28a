import type { Migration } from '../../../../platform/db.js';

/**
 * Receipt images are JPEG, PNG or PDF, compressed already: PostgreSQL stores their bytes out of line without trying
 * to compress them again (a wasted pass over every upload).
 */
export const blobsExternalMigration: Migration = {
  name: '0592_hub_blobs_external',
  async up(knex) {
    await knex.raw(`alter table hub_blobs alter column bytes set storage external`);
  },
};
