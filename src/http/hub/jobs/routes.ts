import { Router, type Response } from 'express';
import { pushHub } from '../../../commands/hub/pushes/push.js';
import { syncConnection, type SyncOutcome } from '../../../commands/hub/transactions/bank-sync.js';
import { bankProviderFor, canInject } from '../../../commands/hub/transactions/providers.js';
import { findHub } from '../../../projections/hub/hubs/queries.js';
import { HUB_CONNECTIONS_PROJECTION } from '../../../projections/hub/connections/projection.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import { HUB_STORES_PROJECTION } from '../../../projections/hub/stores/projection.js';
import { HUB_TRANSACTIONS_PROJECTION } from '../../../projections/hub/transactions/projection.js';
import {
  hubsWithUnpushed,
  liveConnectionIds,
  providerConnectionOf,
} from '../../../projections/hub/transactions/queries.js';
import { bankSyncDeps, pushDeps } from '../../../projections/hub/transactions/wiring.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { refuseCustomerTokens } from '../auth/tokens.js';
import { cashbackJobs, isCashbackJob } from '../cashbacks/jobs.js';
import { runClaimExpiry } from '../claims/expiry-job.js';
import { hubOfProgram, programOf } from '../common.js';
import { injectBody, injectParams, injectQuery, jobBody, jobParams } from './schemas.js';

const unknownConnection = () =>
  new HttpError('not_found', 'connection not found', [
    { field: 'connectionId', message: 'no such connection', code: 'invalidConnectionId' },
  ]);

/** What a bankSync run did, summed over its connections. */
const syncTotals = (outcomes: readonly SyncOutcome[]) => ({
  connections: outcomes.length,
  synced: outcomes.filter((o) => o.outcome === 'synced').length,
  desynchronized: outcomes.filter((o) => o.outcome === 'desynchronized').length,
  imported: outcomes.reduce((n, o) => n + (o.outcome === 'synced' ? o.imported : 0), 0),
  matched: outcomes.reduce((n, o) => n + (o.outcome === 'synced' ? o.matched : 0), 0),
});

/** executeJob for bankSync and transactionPush, and the sandbox bank's transaction injection (flow 2, run now). */
export function jobRoutes(ctx: ApiContext): Router {
  const router = Router();
  const admin = ctx.auth.authenticate(['admin']);
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  const syncDeps = bankSyncDeps(ctx.knex, ctx.store, ctx.clock);
  const pushing = pushDeps(ctx.knex, ctx.store, ctx.clock);
  const cashbacks = cashbackJobs(ctx);
  const settled = readYourWrites(ctx, [HUB_TRANSACTIONS_PROJECTION]);
  // The read model must hold every sync and match written so far before a push picks from it.
  const caughtUp = async () => settled(await ctx.store.headPosition());
  // A sync run on demand sees all written before it was asked: the connections it syncs (their live rows are the
  // transactions projection's rm_hub_bank_syncs), the stores it matches.
  const syncing = readYourWrites(ctx, [
    HUB_CONNECTIONS_PROJECTION,
    HUB_TRANSACTIONS_PROJECTION,
    HUB_STORES_PROJECTION,
    HUB_CUSTOMERS_PROJECTION,
  ]);

  const sync = async (connectionIds: readonly string[]) => {
    const outcomes: SyncOutcome[] = [];
    for (const id of connectionIds) outcomes.push(await syncConnection(syncDeps, id));
    await caughtUp();
    return outcomes;
  };

  router.post('/v1/admin/jobs/:jobName', admin, async (req, res: Response) => {
    const { jobName } = jobParams.parse(req.params);
    const hubId = jobBody.parse(req.body ?? undefined)?.hubId;
    if (hubId !== undefined && !(await findHub(ctx.knex, hubId))) throw new HttpError('not_found', 'hub not found');
    if (jobName === 'bankSync') {
      await syncing(await ctx.store.headPosition());
      const outcomes = await sync(await liveConnectionIds(ctx.knex, hubId));
      res.json({ data: { jobName, hubId: hubId ?? null, ...syncTotals(outcomes) } });
      return;
    }
    if (jobName === 'transactionPush') {
      await caughtUp();
      const hubs = hubId !== undefined ? [hubId] : await hubsWithUnpushed(ctx.knex);
      let batches = 0;
      let transactions = 0;
      for (const id of hubs) {
        const pushed = await pushHub(pushing, id);
        batches += pushed.batches;
        transactions += pushed.transactions;
      }
      res.json({ data: { jobName, hubId: hubId ?? null, batches, transactions } });
      return;
    }
    if (jobName === 'claimExpiry') {
      res.json({ data: { jobName, hubId: hubId ?? null, ...(await runClaimExpiry(ctx, hubId)) } });
      return;
    }
    if (isCashbackJob(jobName)) {
      res.json({ data: { jobName, hubId: hubId ?? null, ...(await cashbacks(jobName, hubId)) } });
      return;
    }
    throw new HttpError('operation_refused', `${String(jobName)} does not run in this version`, [
      { field: 'jobName', message: 'not available', code: 'jobNotAvailable' },
    ]);
  });

  router.post('/v1/hub/sandbox/bank-connections/:connectionId/transactions', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const parsedId = injectParams.safeParse(req.params);
    const connection = parsedId.success
      ? await providerConnectionOf(ctx.knex, hub.id, parsedId.data.connectionId)
      : undefined;
    if (!connection || !parsedId.success) throw unknownConnection();
    const { sync: now } = injectQuery.parse(req.query);
    const { transactions } = injectBody.parse(req.body);
    const provider = bankProviderFor(connection.providerCode);
    if (!canInject(provider))
      throw new HttpError('operation_refused', 'this connection is not at a sandbox bank that takes injections', [
        { field: 'connectionId', message: 'not injectable', code: 'sandboxInjectionUnavailable' },
      ]);
    await provider.inject(
      connection.providerConnectionId,
      transactions.map((t) => ({ ...t, dateBankingStatement: t.dateBankingStatement ?? t.purchaseDate })),
    );
    if (now === undefined) {
      res.status(202).json({ data: { queued: transactions.length, sync: null } });
      return;
    }
    const outcomes = await sync([parsedId.data.connectionId]);
    res.json({ data: { queued: transactions.length, sync: syncTotals(outcomes) } });
  });

  return router;
}
