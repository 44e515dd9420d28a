import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { blobWriterFor } from '../../../platform/blob-writer/index.js';
import type { ChunkedWrite } from '../../../platform/blob-writer/chunked-write.js';
import type { BlobRef } from '../../../domain/hub/receipts/events.js';

/** Who an image belongs to: deleting the customer erases what only they referenced (flow 1.8). */
export interface BlobOwner {
  readonly hubId: string;
  readonly customerId: string;
  /** The receipt or claim the image is attached to. */
  readonly ownerId: string;
}

/** Receipt images and claim attachments, by SHA-256 digest: the same bytes are stored once. */
export interface BlobStore {
  /** Stores `bytes` (whose SHA-256 the caller may have hashed while they streamed in: `digest`) for `owner`. */
  put(bytes: Buffer, mediaType: BlobRef['mediaType'], owner: BlobOwner, digest?: string): Promise<BlobRef>;
  /** The bytes of a blob the hub references, or undefined (another hub's, or erased). */
  get(hubId: string, digest: string): Promise<{ bytes: Buffer; mediaType: string } | undefined>;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Chunks, not one value: PostgreSQL takes a 1 MB parameter in several fresh allocations of its size (the message, the
 * value), each paid in page faults, and stored it at a fifth of the speed it stores the same bytes in 120 KB rows.
 */
const CHUNK_SIZE = 120 * 1024;

/**
 * The blob's row (its commit does not wait for the WAL flush: the receipt's or claim's event, appended next, waits
 * for a later point of the same WAL, so the image is on disk before anything that names it is acknowledged), its
 * chunks when the row is new, then who references it.
 */
const putOf = (digest: string, mediaType: string, size: number, owner: BlobOwner): ChunkedWrite => ({
  claim: {
    text: `with cfg as (select set_config('synchronous_commit', 'off', true))
      insert into hub_blobs (digest, media_type, size, created_at) select $1, $2, $3, now() from cfg
      on conflict (digest) do nothing`,
    values: [digest, mediaType, size],
  },
  chunk: { text: 'insert into hub_blob_chunks (digest, seq, bytes) values ($1, $2, $3)', values: [digest] },
  then: {
    text: `insert into hub_blob_refs (digest, hub_id, customer_id, owner_id) values ($1, $2, $3, $4)
      on conflict (digest, owner_id) do nothing`,
    values: [digest, owner.hubId, owner.customerId, owner.ownerId],
  },
  chunkSize: CHUNK_SIZE,
});

/** The connection string knex was made with (createKnex), if it was. */
function connectionStringOf(knex: Knex): string | undefined {
  const connection = (knex.client as { config?: Knex.Config }).config?.connection;
  if (typeof connection === 'string') return connection;
  const given = (connection as { connectionString?: unknown } | undefined)?.connectionString;
  return typeof given === 'string' ? given : undefined;
}

/** The BlobStore in PostgreSQL (the only adapter): `hub_blobs` holds the bytes, `hub_blob_refs` who uses them. */
export function postgresBlobStore(knex: Knex): BlobStore {
  const connectionString = connectionStringOf(knex);
  if (connectionString === undefined) throw new Error('the BlobStore needs a knex made from a connection string');
  const writer = blobWriterFor(connectionString);
  return {
    async put(bytes, mediaType, owner, digest = sha256(bytes)) {
      const size = bytes.length;
      // The writer thread takes the bytes: the caller must not use them after.
      await writer.write(putOf(digest, mediaType, size, owner), bytes);
      return { digest, size, mediaType };
    },
    async get(hubId, digest) {
      const { rows } = await knex.raw<{ rows: { bytes: Buffer; media_type: string }[] }>(
        `select b.media_type, coalesce(b.bytes,
           (select string_agg(c.bytes, ''::bytea order by c.seq) from hub_blob_chunks c where c.digest = b.digest),
           ''::bytea) as bytes
         from hub_blobs b
         where b.digest = ? and exists (select 1 from hub_blob_refs r where r.digest = b.digest and r.hub_id = ?)`,
        [digest, hubId],
      );
      const row = rows[0];
      return row && { bytes: row.bytes, mediaType: row.media_type };
    },
  };
}
