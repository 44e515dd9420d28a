import { Router } from 'express';
import { validIban, validUkAccount } from '../../../commands/hub/cashbacks/accounts.js';
import { setFavoriteAccount } from '../../../commands/hub/cashbacks/favorite-account.js';
import { foldStream } from '../../../commands/fold-stream.js';
import { customerStream } from '../../../commands/hub/streams.js';
import { customerDecider } from '../../../domain/hub/customers/customer.js';
import { customerEvents } from '../../../domain/hub/customers/events.js';
import type { BankAccount } from '../../../domain/hub/cashbacks/favorite-account.js';
import { cashbackFallbackNeeded } from '../../../projections/hub/cashbacks/queries.js';
import { cashbackDeps } from '../../../projections/hub/cashbacks/wiring.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import type { ApiContext } from '../../context.js';
import { sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { favoriteAccountBody } from '../cashbacks/schemas.js';
import { customerAuth, customerContext, customerOf } from '../auth/tokens.js';

const accountOf = (body: { iban?: string; sortCode?: string; accountNumber?: string }): BankAccount =>
  body.iban !== undefined
    ? { kind: 'iban', iban: validIban(body.iban) }
    : validUkAccount(body.sortCode ?? '', body.accountNumber ?? '');

/** postFavoriteAccount and getCustomerFavoriteAccount: the account cashbacks are paid to, shown masked. */
export function favoriteAccountRoutes(ctx: ApiContext): Router {
  const router = Router();
  const customer = customerAuth(ctx);
  const settled = readYourWrites(ctx, [HUB_CUSTOMERS_PROJECTION]);
  const deps = cashbackDeps(ctx.knex, ctx.store, ctx.clock, ctx.config);

  /** The account as shown, at the customer stream's version (the ETag a PUT's If-Match names). */
  async function answer(customerId: string) {
    const { state, version } = await foldStream(ctx.store, customerDecider, customerEvents, customerStream(customerId));
    if (state.status !== 'registering') throw new HttpError('unauthorized', 'this customer no longer exists');
    const data = {
      IBAN: state.favoriteAccount?.display ?? null,
      // Card payouts are not offered: no card is ever the cashback method here.
      creditCard: null,
      cashbackFallbackNeeded: await cashbackFallbackNeeded(ctx.knex, customerId),
    };
    return { data, version: version ?? 0n };
  }

  router.get('/v1/hub/customer/favorite-account', customer, async (_req, res) => {
    const { data, version } = await answer(customerOf(res).customerId);
    sendResource(res, data, version);
  });

  router.put('/v1/hub/customer/favorite-account', customer, async (req, res) => {
    const { customerId } = customerOf(res);
    const account = accountOf(favoriteAccountBody.parse(req.body ?? {}));
    const result = await setFavoriteAccount(deps, customerId, account, customerContext(res), expectedVersion(req));
    await settled(result.position);
    const { data, version } = await answer(customerId);
    sendResource(res, data, version);
  });

  return router;
}
