import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { customers } from '../../../commands/hub/customers/aggregate.js';
import { loadCustomer } from '../../../commands/hub/customers/load.js';
import { subscribeCustomer } from '../../../commands/hub/customers/subscription.js';
import { assertOptins } from '../../../domain/hub/customers/optins.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { requiredOptins } from '../connections/callback.js';
import { assertScanEnabled, readingOf, receiveImage, storeReceipt } from '../receipts/routes.js';
import { firstReceiptFields } from '../receipts/schemas.js';
import { customerAuth, customerContext, customerHubOf, customerOf } from './tokens.js';

/**
 * postFirstReceipt (flow 1.5): registration by scan. The receipt's required optins are checked (and the ones sent
 * recorded) before anything is stored; then the receipt is uploaded and decided, and the customer subscribed as `scan`.
 */
export function firstReceiptRoutes(ctx: ApiContext): Router {
  const router = Router();
  const registering = customerAuth(ctx, ['registration', 'customer']);

  router.post('/v1/hub/auth/first-receipt', registering, async (req, res) => {
    const me = customerOf(res);
    const hub = customerHubOf(res);
    assertScanEnabled(hub);
    const receiptId = randomUUID();
    const who = { ...me, receiptId };
    const { image, filename, fields, extra: seen } = await receiveImage(ctx, req, who, readingOf(ctx, who));
    const { customerId, optins } = firstReceiptFields.parse(fields);
    if (customerId !== me.customerId)
      throw new HttpError('forbidden', 'the token is another customer’s than customerId');
    const context = customerContext(res);
    const required = requiredOptins(hub, 'receipt');
    const now = () => ctx.clock.now().toISOString();
    if (optins !== undefined)
      await customers.handle(
        me.customerId,
        { type: 'UpdateOptins', data: { registrationType: 'receipt', optins, required, now: now() } },
        { store: ctx.store, context },
      );
    assertOptins(await loadCustomer(ctx.store, me.customerId), 'receipt', required);
    const stored = await storeReceipt(ctx, { ...who, image, filename, first: true }, seen, context);
    const method = { dataProviderType: 'scan' as const, sourceId: receiptId, credentialsPreviouslyUsed: false };
    const subscribed = await subscribeCustomer(
      ctx,
      me.customerId,
      { ...method, registrationType: 'receipt', required },
      context,
    );
    await readYourWrites(ctx, [HUB_CUSTOMERS_PROJECTION])(subscribed.position);
    res.status(201).json({ data: { customerId: me.customerId, receiptId, status: stored.status } });
  });

  return router;
}
