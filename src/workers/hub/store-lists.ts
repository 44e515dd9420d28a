import { integrateStoreList, loadStoreList, supersedeStoreLists } from '../../commands/hub/stores/store-lists.js';
import { activeExternalIds, otherStoreLists, pendingStoreLists } from '../../projections/hub/stores/queries.js';
import { scheduledWorker } from '../shared/scheduled.js';
import type { BackgroundWorker, WorkerContext } from '../types.js';

export const HUB_STORE_LISTS = 'hub-store-lists';

/** An older request of the hub whose result the read model does not show yet: integrate after it, at a later tick. */
class OlderListPending extends Error {
  override readonly name = 'OlderListPending';
}

/**
 * Integrates the pending store lists, one job per request (202 at once, the result later). Only the most recent
 * request of a hub is integrated: one that finds a newer request supersedes itself. Jobs run one at a time, so two
 * lists of a hub never write its stores at once; a job run twice finds its list decided and does nothing.
 */
export function storeListWorker(ctx: WorkerContext): BackgroundWorker {
  return scheduledWorker(ctx, {
    name: HUB_STORE_LISTS,
    everyMs: ctx.config.HUB_STORE_LISTS_EVERY_MS,
    concurrency: 1,
    due: async () =>
      (await pendingStoreLists(ctx.knex)).map(({ requestId, hubId }) => ({
        id: `storelist_${requestId}`,
        item: { requestId, hubId },
      })),
    async run({ requestId, hubId }, now) {
      const clock = { now: () => now };
      const newer = await otherStoreLists(ctx.knex, hubId, requestId, 'newer');
      if (newer.length > 0) {
        const list = await loadStoreList(ctx.store, requestId);
        if (list.status !== 'pending') return 'skipped';
        const context = { tenantId: list.programId, actor: HUB_STORE_LISTS, causationId: requestId };
        await supersedeStoreLists({ store: ctx.store, clock }, [requestId], newer.at(-1)!, context);
        return 'superseded';
      }
      if ((await otherStoreLists(ctx.knex, hubId, requestId, 'older-pending')).length > 0)
        throw new OlderListPending(`an older store list of hub ${hubId} has no result yet`);
      return integrateStoreList(
        { store: ctx.store, clock, activeExternalIds: (id) => activeExternalIds(ctx.knex, id) },
        requestId,
      );
    },
  });
}
