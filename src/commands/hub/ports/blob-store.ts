import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
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
  put(bytes: Buffer, mediaType: BlobRef['mediaType'], owner: BlobOwner): Promise<BlobRef>;
  /** The bytes of a blob the hub references, or undefined (another hub's, or erased). */
  get(hubId: string, digest: string): Promise<{ bytes: Buffer; mediaType: string } | undefined>;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The BlobStore in PostgreSQL (the only adapter): `hub_blobs` holds the bytes, `hub_blob_refs` who uses them. */
export function postgresBlobStore(knex: Knex): BlobStore {
  return {
    async put(bytes, mediaType, owner) {
      const digest = sha256(bytes);
      await knex.transaction(async (trx) => {
        await trx('hub_blobs')
          .insert({ digest, media_type: mediaType, size: bytes.length, bytes, created_at: new Date() })
          .onConflict('digest')
          .ignore();
        await trx('hub_blob_refs')
          .insert({ digest, hub_id: owner.hubId, customer_id: owner.customerId, owner_id: owner.ownerId })
          .onConflict(['digest', 'owner_id'])
          .ignore();
      });
      return { digest, size: bytes.length, mediaType };
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
