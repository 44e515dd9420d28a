import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { seededUuid } from '../../../commands/ids.js';
import { findCustomerByExternalId } from '../../../projections/hub/customers/queries.js';
import { findStore } from '../../../projections/hub/stores/queries.js';
import { findDelivery, recordDeliveries } from '../../../projections/webhooks/deliveries/queries.js';
import { enqueueDeliveries } from '../../../projections/webhooks/deliveries/queue.js';
import { activeSubscriptionsFor } from '../../../projections/webhooks/queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import type { DeliveryRoutesDeps } from '../../webhooks/deliveries.js';
import { parseWebhookPayload } from '../../webhooks/payloads/index.js';
import { refuseCustomerTokens } from '../auth/tokens.js';
import { hubOfProgram, programOf } from '../common.js';
import { testTransactionsBody } from './schemas.js';

const EVENT = 'customer_transactions';
/** How long the answer waits for the deliveries' first tries. */
const WAIT_MS = 10_000;

/** mulberry32: a small seeded PRNG (also bench:hub's), enough to spread generated values evenly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeded from the request id: the same request id generates the same payload. */
const prngOf = (seed: string) => mulberry32(createHash('sha256').update(seed).digest().readUInt32BE(0));

/**
 * sendCustomerTransactionsWebhook: a generated customer_transactions (PRNG seeded by X-Request-Id) sent once to each
 * active subscription of the program, answered with how those first tries went; it appends no event.
 */
export function testFireRoutes(ctx: ApiContext & { readonly deliveries: DeliveryRoutesDeps }): Router {
  const router = Router();
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));

  async function payloadFor(req: Request, hubId: string, hubExternalId: string | null) {
    const body = testTransactionsBody.parse(req.body);
    const seed = req.get('X-Request-Id') ?? String(ctx.clock.now().getTime());
    const random = prngOf(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const today = ctx.clock.now().getTime();
    const locations = await Promise.all(
      body.purchaseLocationsExternalIds.map(async (externalId) => {
        const store = await findStore(ctx.knex, hubId, externalId);
        const id = store?.id ?? seededUuid('goodstream:hubtest', seed, externalId);
        return { id, externalId, type: store?.type ?? ('store' as const) };
      }),
    );
    const customers = await Promise.all(
      body.customersExternalIds.map(async (externalId) => ({
        customerId:
          (await findCustomerByExternalId(ctx.knex, hubId, externalId))?.id ??
          seededUuid('goodstream:hubtest', seed, externalId),
        customerExternalId: externalId,
      })),
    );
    const { minTransactions: min, maxTransactions: max } = body;
    const count = min + Math.floor(random() * (Math.max(max, min) - min + 1));
    const transactions = Array.from({ length: count }, (_, i) => {
      const day = new Date(today - Math.floor(random() * 7) * 86_400_000).toISOString().slice(0, 10);
      return {
        id: seededUuid('goodstream:hubtest', seed, String(i)),
        amount: -(100 + Math.floor(random() * 9_900)) / 100,
        currency: body.currency,
        purchaseDate: day,
        dateBankingStatement: day,
        ...pick(customers),
        purchaseLocation: pick(locations),
        dataProviderType: 'bank' as const,
        receiptId: null,
        timeOfPurchase: null,
      };
    });
    return parseWebhookPayload(EVENT, {
      event: EVENT,
      transactions,
      shoppingHubId: hubId,
      shoppingHubExternalId: hubExternalId ?? '',
    });
  }

  router.post('/v1/hub/test/customer-transactions', program, async (req, res) => {
    const programId = programOf(res);
    const hub = await hubOfProgram(ctx, programId);
    const body = JSON.stringify(await payloadFor(req, hub.id, hub.settings.externalId ?? null));
    const subscriptions = await activeSubscriptionsFor(ctx.knex, programId, EVENT);
    const { knex, queue, tries } = ctx.deliveries;
    const recorded = await knex.transaction((trx) =>
      recordDeliveries(
        trx,
        subscriptions.map((s) => ({ programId, subscriptionId: s.id, eventName: EVENT, sourceEventId: null, body })),
      ),
    );
    await enqueueDeliveries(queue, recorded, tries);
    const deadline = Date.now() + WAIT_MS;
    let outcomes = await Promise.all(recorded.map((d) => findDelivery(knex, d.id)));
    while (outcomes.some((d) => d?.status === 'pending' && d.attempts === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      outcomes = await Promise.all(recorded.map((d) => findDelivery(knex, d.id)));
    }
    const successCalls = outcomes.filter((d) => d?.status === 'delivered').length;
    res.json({
      data: { configuredEndpoints: subscriptions.length, successCalls, failedCalls: recorded.length - successCalls },
    });
  });

  return router;
}
