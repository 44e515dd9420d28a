import { customerEvents } from '../../../domain/hub/customers/events.js';
import type { Projection } from '../../projection.js';
import { applyByType } from '../../shared/handlers.js';

export const HUB_BLOBS_PROJECTION = 'hub-blob-erasure';

const handlers = {
  /**
   * Flow 1.8: a deleted customer's receipt images and claim attachments leave the BlobStore; bytes another customer
   * uploaded too stay for them. A replay deletes nothing more.
   */
  CustomerDeleted: async (trx: Parameters<Projection['apply']>[0], d: { customerId: string }) => {
    const digests = await trx('hub_blob_refs').where({ customer_id: d.customerId }).del().returning('digest');
    const mine = [...new Set((digests as { digest: string }[]).map((r) => r.digest))];
    if (mine.length === 0) return;
    await trx('hub_blobs')
      .whereIn('digest', mine)
      .whereNotExists(trx('hub_blob_refs as r').whereRaw('r.digest = hub_blobs.digest'))
      .del();
  },
};

/** Erases the BlobStore's bytes of deleted customers; it owns no table (the BlobStore is not a read model). */
export const blobErasureProjection: Projection = {
  name: HUB_BLOBS_PROJECTION,
  version: 1,
  eventTypes: Object.keys(handlers),
  tables: [],
  apply: applyByType(customerEvents, handlers),
};
