import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { blobWriterFor } from '../../../platform/blob-writer/index.js';
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

const PUT = `with cfg as (select set_config('synchronous_commit', 'off', true)),
  stored as (
    insert into hub_blobs (digest, media_type, size, bytes, created_at)
    select $1, $2, $3, $4, now() from cfg
    on conflict (digest) do nothing
  )
  insert into hub_blob_refs (digest, hub_id, customer_id, owner_id) select $5, $6, $7, $8 from cfg
  on conflict (digest, owner_id) do nothing`;

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
  const writer = connectionString === undefined ? undefined : blobWriterFor(connectionString);
  return {
    async put(bytes, mediaType, owner, digest = sha256(bytes)) {
      const size = bytes.length;
      const values = [digest, mediaType, size, bytes, digest, owner.hubId, owner.customerId, owner.ownerId];
      // One statement, one round trip: the bytes (once per digest) and who references them. Its commit does not wait
      // for the WAL flush: the receipt's (or claim's) event, appended next, waits for a later point of the same WAL,
      // so the image is on disk before anything that names it is acknowledged. The bytes go through the writer
      // thread (which takes them: the caller must not use them after), else on the app's pool.
      if (writer) await writer.write(PUT, values, 3);
      else await knex.raw(PUT.replace(/\$\d/g, '?'), values);
      return { digest, size, mediaType };
    },
    async get(hubId, digest) {
      const row = await knex('hub_blobs as b')
        .whereExists(knex('hub_blob_refs as r').whereRaw('r.digest = b.digest').where('r.hub_id', hubId))
        .where('b.digest', digest)
        .first<{ bytes: Buffer; media_type: string } | undefined>('b.bytes', 'b.media_type');
      return row && { bytes: row.bytes, mediaType: row.media_type };
    },
  };
}
