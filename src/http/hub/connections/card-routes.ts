import { Router } from 'express';
import { linkCard } from '../../../commands/hub/connections/cards.js';
import { loadCustomer } from '../../../commands/hub/customers/load.js';
import { subscribeCustomer } from '../../../commands/hub/customers/subscription.js';
import { sandboxCardLinking } from '../../../commands/hub/ports/card-linking.js';
import { unknownConnection } from '../../../domain/hub/connections/connection.js';
import { assertOptins } from '../../../domain/hub/customers/optins.js';
import { HUB_CONNECTIONS_PROJECTION } from '../../../projections/hub/connections/projection.js';
import { findConnection, hadConnection, listConnections } from '../../../projections/hub/connections/queries.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerAuth, customerContext, customerHubOf, customerOf } from '../auth/tokens.js';
import { requiredOptins } from './callback.js';
import { presentConnection } from './present.js';
import { creditCardBody } from './schemas.js';

/** Card-linked offers: a customer's cards through the CardLinking port (the sandbox adapter for now). */
export function cardRoutes(ctx: ApiContext): Router {
  const router = Router();
  const customer = customerAuth(ctx);
  const settled = readYourWrites(ctx, [HUB_CONNECTIONS_PROJECTION, HUB_CUSTOMERS_PROJECTION]);

  router.post('/v1/hub/customer/credit-cards', customer, async (req, res) => {
    const { creditCardToken } = creditCardBody.parse(req.body);
    const me = customerOf(res);
    const found = await findCustomer(ctx.knex, me.hubId, me.customerId);
    if (!found) throw new HttpError('unauthorized', 'this customer no longer exists');
    const required = requiredOptins(customerHubOf(res), 'CLO');
    assertOptins(await loadCustomer(ctx.store, me.customerId), 'CLO', required);
    const now = ctx.clock.now().toISOString();
    const linked = await linkCard(
      { store: ctx.store, clock: ctx.clock, cards: sandboxCardLinking },
      {
        ...me,
        creditCardToken,
        // Ambiguity 22, as for a bank: the first connection inherits the customer's date.
        transactionsEligibleFromDate: (await hadConnection(ctx.knex, me.hubId, me.customerId))
          ? now
          : found.transactionsEligibleFromDate,
      },
      customerContext(res),
    );
    const method = {
      dataProviderType: 'bank' as const,
      sourceId: linked.connectionId,
      credentialsPreviouslyUsed: false,
    };
    const subscribed = await subscribeCustomer(
      ctx,
      me.customerId,
      { ...method, registrationType: 'CLO', required },
      customerContext(res),
    );
    await settled(subscribed.position ?? linked.position);
    const connection = await findConnection(ctx.knex, me.hubId, me.customerId, linked.connectionId);
    if (!connection) throw unknownConnection();
    res.status(201).json({ data: presentConnection(connection) });
  });

  router.get('/v1/hub/customer/clo-connections', customer, async (_req, res) => {
    const me = customerOf(res);
    const cards = (await listConnections(ctx.knex, me.hubId, me.customerId)).filter((c) => c.type === 'card');
    res.json({ data: { customerId: me.customerId, connections: cards.map(presentConnection) } });
  });
  return router;
}
