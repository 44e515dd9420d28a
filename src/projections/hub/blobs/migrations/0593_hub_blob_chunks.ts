import { sqlMigration } from '../../../../platform/db.js';

/**
 * A blob's bytes as chunks of at most 120 KB (blob-store.ts says why): `hub_blobs.bytes` stays for the blobs stored
 * before, whole, and is null for those stored since.
 */
export const blobChunksMigration = sqlMigration(
  '0593_hub_blob_chunks',
  `
      alter table hub_blobs alter column bytes drop not null;
      create table hub_blob_chunks (
        digest text not null references hub_blobs (digest) on delete cascade,
        seq int not null,
        bytes bytea not null,
        primary key (digest, seq)
      );
      alter table hub_blob_chunks alter column bytes set storage external;
    `,
);
