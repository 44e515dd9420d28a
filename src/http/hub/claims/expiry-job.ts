import { expireClaims } from '../../../commands/hub/claims/expiry.js';
import { repairScanTransactions } from '../../../commands/hub/receipts/repair.js';
import { validatedWithoutTransaction } from '../../../projections/hub/receipts/queries.js';
import { HUB_CLAIMS_PROJECTION } from '../../../projections/hub/claims/projection.js';
import { expiryDeps } from '../../../projections/hub/claims/wiring.js';
import { HUB_TRANSACTIONS_PROJECTION } from '../../../projections/hub/transactions/projection.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';

/** `POST /v1/admin/jobs/claimExpiry`: the daily run now, on read models that hold every write so far. */
export async function runClaimExpiry(ctx: ApiContext, hubId: string | undefined) {
  const settled = readYourWrites(ctx, [HUB_CLAIMS_PROJECTION, HUB_TRANSACTIONS_PROJECTION]);
  await settled(await ctx.store.headPosition());
  const deps = { store: ctx.store, clock: ctx.clock };
  const repaired = await repairScanTransactions(deps, await validatedWithoutTransaction(ctx.knex, hubId));
  const outcome = await expireClaims(
    expiryDeps(ctx.knex, ctx.store, ctx.clock),
    ctx.config.HUB_CLAIM_EXPIRY_DAYS,
    hubId,
  );
  await settled(await ctx.store.headPosition());
  return { ...outcome, repaired };
}
