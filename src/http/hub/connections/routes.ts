import { Router, type Response } from 'express';
import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import { connectBank, deleteConnection } from '../../../commands/hub/connections/connections.js';
import { unknownConnection } from '../../../domain/hub/connections/connection.js';
import { findHubBank } from '../../../projections/hub/banks/queries.js';
import { HUB_CONNECTIONS_PROJECTION } from '../../../projections/hub/connections/projection.js';
import {
  digestUsed,
  findConnection,
  hadConnection,
  listConnections,
} from '../../../projections/hub/connections/queries.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerAuth, customerContext, customerOf } from '../auth/tokens.js';
import { presentConnection } from './present.js';
import { callbackBody, connectionIdParam, readQueryString } from './schemas.js';

/** A signed-in customer's bank connections: the consent's callback, the lists, deletion (flows 1.3–1.8). */
export function connectionRoutes(ctx: ApiContext, providers: readonly BankDataProvider[]): Router {
  const router = Router();
  const customer = customerAuth(ctx);
  const settled = readYourWrites(ctx, [HUB_CONNECTIONS_PROJECTION]);
  const listed = async (res: Response) => {
    const me = customerOf(res);
    return (await listConnections(ctx.knex, me.hubId, me.customerId)).map(presentConnection);
  };

  router.post('/v1/hub/customer/bank-connections/callback', customer, async (req, res) => {
    const body = callbackBody.parse(req.body);
    const me = customerOf(res);
    const answer = readQueryString(body.queryString);
    if (answer.error !== undefined)
      throw new HttpError('operation_refused', 'the bank refused the consent', [
        { field: 'queryString', message: 'the bank answered with an error', code: answer.error.slice(0, 100) },
      ]);
    if (answer.code === undefined || answer.state === undefined)
      throw new HttpError('invalid_request', 'the query string the bank gave carries code and state', [
        { field: 'queryString', message: 'code and state are required' },
      ]);
    const bank = await findHubBank(ctx.knex, me.hubId, body.bankId);
    const provider = providers.find((p) => p.providerCode === bank?.providerCode);
    if (!bank || !provider) throw new HttpError('not_found', 'bank not found');
    if (!bank.active) throw new HttpError('operation_refused', 'this bank is not active');
    const found = await findCustomer(ctx.knex, me.hubId, me.customerId);
    if (!found) throw new HttpError('unauthorized', 'this customer no longer exists');
    const now = ctx.clock.now().toISOString();
    const result = await connectBank(
      { store: ctx.store, clock: ctx.clock, provider },
      {
        hubId: me.hubId,
        programId: me.programId,
        customerId: me.customerId,
        bankId: bank.id,
        connectionId: null,
        state: answer.state,
        code: answer.code,
        dataProviderType: bank.cardType,
        // Ambiguity 22: the first connection inherits the customer's date, later ones start at their creation.
        transactionsEligibleFromDate: (await hadConnection(ctx.knex, me.hubId, me.customerId))
          ? now
          : found.transactionsEligibleFromDate,
        fingerprintUsed: (digest) => digestUsed(ctx.knex, me.hubId, digest),
      },
      customerContext(res),
    );
    await settled(result.position);
    const created = await findConnection(ctx.knex, me.hubId, me.customerId, result.connectionId);
    if (!created) throw unknownConnection();
    res.status(201).json({ data: presentConnection(created) });
  });

  router.get('/v1/hub/customer/connections', customer, async (_req, res) => {
    res.json({ data: await listed(res) });
  });

  router.get('/v1/hub/customer/bank-connections', customer, async (_req, res) => {
    res.json({ data: (await listed(res)).filter((c) => c.type === 'bank') });
  });

  for (const path of ['/v1/hub/customer/bank-connections/:connectionId', '/v1/hub/customer/connections/:connectionId'])
    router.delete(path, customer, async (req, res) => {
      const me = customerOf(res);
      const parsed = connectionIdParam.safeParse(req.params);
      const mine = await listConnections(ctx.knex, me.hubId, me.customerId);
      if (!parsed.success || !mine.some((c) => c.id === parsed.data.connectionId)) throw unknownConnection();
      const result = await deleteConnection(
        ctx,
        parsed.data.connectionId,
        { by: 'customer', others: mine.length - 1, evenTheLast: false },
        customerContext(res),
      );
      await settled(result.position);
      res.status(204).end();
    });

  return router;
}
