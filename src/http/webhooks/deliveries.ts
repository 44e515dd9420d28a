import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { fromCamelCase } from '../../domain/webhooks/event-names.js';
import { samplePayload } from './samples/index.js';
import type { PlatformKey } from '../../platform/signing-key.js';
import { activeSubscriptionsFor, findSubscription } from '../../projections/webhooks/queries.js';
import { listDeliveries, type DeliveryLogEntry } from '../../projections/webhooks/deliveries/log.js';
import {
  findDelivery,
  recordDeliveries,
  reopenDelivery,
  reopenFailedSince,
} from '../../projections/webhooks/deliveries/queries.js';
import { enqueueDeliveries, type WebhookQueue } from '../../projections/webhooks/deliveries/queue.js';
import { PROGRAM_SCHEMES, programIdOf, type Auth } from '../auth/authenticate.js';
import { isoDateTime } from '../conventions/dates.js';
import { sendList } from '../conventions/envelope.js';
import { parseListQuery } from '../conventions/pagination.js';
import { HttpError } from '../errors.js';
import { ownRow } from '../shared/own-rows.js';
import { isUuid } from '../../platform/uuid.js';

export interface DeliveryRoutesDeps {
  readonly knex: Knex;
  readonly queue: WebhookQueue;
  /** Tries in a round: the length of the retry schedule. */
  readonly tries: number;
  readonly key: PlatformKey;
  readonly auth: Auth;
}

const statusQuery = z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional() });
const sinceBody = z.strictObject({ since: isoDateTime() });

export const presentDelivery = (d: DeliveryLogEntry | (Awaited<ReturnType<typeof findDelivery>> & object)) => ({
  id: d.id,
  subscription_id: d.subscriptionId,
  sequence: d.sequence,
  event: d.eventName,
  status: d.status,
  attempts: d.attempts,
  next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
  created_at: d.createdAt.toISOString(),
  ...('attemptsLog' in d
    ? {
        attempts_log: d.attemptsLog.map((a) => ({
          attempt_number: a.attemptNumber,
          started_at: a.startedAt.toISOString(),
          status_code: a.statusCode,
          latency_ms: a.latencyMs,
          error: a.error,
          response_excerpt: a.responseExcerpt,
        })),
      }
    : {}),
});

/** The delivery log, redelivery, test-fire, and the key that verifies every signature. */
export function deliveryRoutes(deps: DeliveryRoutesDeps): Router {
  const router = Router();
  const program = deps.auth.authenticate(PROGRAM_SCHEMES);
  const subscriptionOf = ownRow(deps, findSubscription, 'webhook subscription');

  router.get('/v1/webhooks/public-key', (req, res) => {
    if (req.accepts(['application/x-pem-file', 'text/plain', 'application/json']) === 'application/json') {
      res.json({ data: { kid: deps.key.kid, pem: deps.key.publicKeyPem, jwk: deps.key.publicJwk } });
      return;
    }
    res.type('application/x-pem-file').set('Signature-Key-Id', deps.key.kid).send(deps.key.publicKeyPem);
  });

  router.get('/v1/webhooks/:id/deliveries', program, async (req, res) => {
    const subscription = await subscriptionOf(res, String(req.params.id));
    const { status } = statusQuery.parse({ status: req.query.status });
    const paging = parseListQuery({ page: req.query.page, per_page: req.query.per_page });
    const { rows, total } = await listDeliveries(deps.knex, subscription.id, {
      status,
      offset: paging.offset,
      limit: paging.per_page,
    });
    sendList(res, rows.map(presentDelivery), { page: paging.page, per_page: paging.per_page, total });
  });

  router.post('/v1/webhook-deliveries/:id/redeliver', program, async (req, res) => {
    const id = String(req.params.id);
    const delivery = isUuid(id) ? await findDelivery(deps.knex, id) : undefined;
    if (!delivery || delivery.programId !== programIdOf(res.locals))
      throw new HttpError('not_found', 'delivery not found');
    if (delivery.status !== 'pending') await reopenDelivery(deps.knex, id);
    const reopened = (await findDelivery(deps.knex, id))!;
    await enqueueDeliveries(deps.queue, [reopened], deps.tries);
    res.status(202).json({ data: presentDelivery(reopened) });
  });

  router.post('/v1/webhooks/:id/redeliver-failed', program, async (req, res) => {
    const subscription = await subscriptionOf(res, String(req.params.id));
    const { since } = sinceBody.parse(req.body ?? {});
    const reopened = await reopenFailedSince(deps.knex, subscription.id, new Date(since));
    await enqueueDeliveries(deps.queue, reopened, deps.tries);
    res.status(202).json({ data: { redelivered: reopened.length, deliveries: reopened.map((d) => d.id) } });
  });

  router.post('/v1/admin/webhook/:event', program, async (req, res) => {
    const name = fromCamelCase(String(req.params.event));
    if (!name) throw new HttpError('not_found', `no webhook event named ${String(req.params.event)}`);
    const programId = programIdOf(res.locals);
    const payload = samplePayload(name, { now: new Date(), id: () => randomUUID() });
    const subscriptions = await activeSubscriptionsFor(deps.knex, programId, name);
    const body = JSON.stringify(payload);
    const deliveries = await deps.knex.transaction((trx) =>
      recordDeliveries(
        trx,
        subscriptions.map((s) => ({ programId, subscriptionId: s.id, eventName: name, sourceEventId: null, body })),
      ),
    );
    await enqueueDeliveries(deps.queue, deliveries, deps.tries);
    res.status(202).json({ data: { event: name, deliveries: deliveries.map((d) => d.id), payload } });
  });

  return router;
}
