import { Router, type Response } from 'express';
import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import { deleteCard } from '../../../commands/hub/connections/cards.js';
import { deleteConnection } from '../../../commands/hub/connections/connections.js';
import { unknownConnection } from '../../../domain/hub/connections/connection.js';
import { HUB_CONNECTIONS_PROJECTION } from '../../../projections/hub/connections/projection.js';
import { listConnections } from '../../../projections/hub/connections/queries.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerAuth, customerContext, customerOf } from '../auth/tokens.js';
import { bankCallback } from './callback.js';
import { cardRoutes } from './card-routes.js';
import { decoupledRoutes } from './consent.js';
import { presentConnection } from './present.js';
import { connectionUpdateRoutes } from './update-routes.js';
import { callbackBody, connectionIdParam, registrationCallbackBody } from './schemas.js';

/** A signed-in customer's bank connections: the consent's callback, the lists, deletion (flows 1.3–1.8). */
export function connectionRoutes(ctx: ApiContext, providers: readonly BankDataProvider[]): Router {
  const router = Router();
  const customer = customerAuth(ctx);
  const registering = customerAuth(ctx, ['registration', 'customer']);
  const settled = readYourWrites(ctx, [HUB_CONNECTIONS_PROJECTION]);
  const listed = async (res: Response) => {
    const me = customerOf(res);
    return (await listConnections(ctx.knex, me.hubId, me.customerId)).map(presentConnection);
  };

  router.post('/v1/hub/customer/bank-connections/callback', customer, async (req, res) => {
    const body = callbackBody.parse(req.body);
    const created = await bankCallback(ctx, providers, customerOf(res), body, customerContext(res));
    res.status(201).json({ data: presentConnection(created) });
  });

  // Registration by bank (flow 1.3): the registration token, or a customer token, of the customer the body names.
  router.post('/v1/hub/auth/bank-connection-callback', registering, async (req, res) => {
    const body = registrationCallbackBody.parse(req.body);
    const me = customerOf(res);
    if (body.customerId !== me.customerId)
      throw new HttpError('forbidden', 'the token is another customer’s than the body’s customerId');
    const created = await bankCallback(ctx, providers, me, body, customerContext(res));
    res.status(201).json({ data: { customerId: me.customerId, connection: presentConnection(created) } });
  });

  router.get('/v1/hub/customer/connections', customer, async (_req, res) => {
    res.json({ data: await listed(res) });
  });

  router.get('/v1/hub/customer/bank-connections', customer, async (_req, res) => {
    res.json({ data: (await listed(res)).filter((c) => c.type === 'bank') });
  });

  // deleteBankConnection takes bank connections only; deleteConnection a bank connection or a card.
  for (const [path, types] of [
    ['/v1/hub/customer/bank-connections/:connectionId', ['bank']],
    ['/v1/hub/customer/connections/:connectionId', ['bank', 'card']],
  ] as const)
    router.delete(path, customer, async (req, res) => {
      const me = customerOf(res);
      const parsed = connectionIdParam.safeParse(req.params);
      const mine = await listConnections(ctx.knex, me.hubId, me.customerId);
      const target = parsed.success ? mine.find((c) => c.id === parsed.data.connectionId) : undefined;
      if (!target || !(types as readonly string[]).includes(target.type)) throw unknownConnection();
      const remove = target.type === 'card' ? deleteCard : deleteConnection;
      const input = { by: 'customer' as const, others: mine.length - 1, evenTheLast: false };
      const result = await remove(ctx, target.id, input, customerContext(res));
      await settled(result.position);
      res.status(204).end();
    });

  router.use(connectionUpdateRoutes(ctx, providers), decoupledRoutes(ctx, providers), cardRoutes(ctx));
  return router;
}
