import { sqlMigration } from '../../../../platform/db.js';

/**
 * The BlobStore (receipt images, claim attachments): bytes by SHA-256 digest, stored once, and who references them.
 * Not a read model: a rebuild leaves them (the events carry only digests).
 */
export const blobsMigration = sqlMigration(
  '0591_hub_blobs',
  `
      create table hub_blobs (
        digest text primary key,
        media_type text not null,
        size bigint not null,
        bytes bytea not null,
        created_at timestamptz not null
      );
      create table hub_blob_refs (
        digest text not null references hub_blobs (digest) on delete cascade,
        hub_id uuid not null,
        customer_id uuid not null,
        owner_id uuid not null,
        primary key (digest, owner_id)
      );
      create index hub_blob_refs_customer on hub_blob_refs (customer_id);
    `,
);
