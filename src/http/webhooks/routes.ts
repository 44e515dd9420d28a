import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { commandContext } from '../auth/command-context.js';
import { createSubscription, deleteSubscription, updateSubscription } from '../../commands/webhooks/subscriptions.js';
import type { Config } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import type { Logger } from '../../platform/logger.js';
import { lazySecretBox, type SecretBox } from '../../platform/secret-box.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import { countSubscriptions, findSubscription, listSubscriptions } from '../../projections/webhooks/queries.js';
import { WEBHOOK_SUBSCRIPTIONS_PROJECTION } from '../../projections/webhooks/subscriptions.js';
import { PROGRAM_SCHEMES, programIdOf, type Auth } from '../auth/authenticate.js';
import { sendResource } from '../conventions/envelope.js';
import { expectedVersion } from '../conventions/versioning.js';
import { HttpError } from '../errors.js';
import { sendPage } from '../shared/list.js';
import { ownRow } from '../shared/own-rows.js';
import { createSubscriptionBody, patchSubscriptionBody, presentSubscription } from './subscriptions/schemas.js';
import { checkWebhookUrl, UnsafeWebhookUrlError, type Lookup } from '../../platform/url-guard.js';

export interface WebhooksDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly runner: Pick<ProjectionRunner, 'waitFor'>;
  readonly config: Pick<
    Config,
    | 'READ_YOUR_WRITES_TIMEOUT_MS'
    | 'WEBHOOK_ALLOW_PRIVATE'
    | 'WEBHOOK_ALLOW_HTTP'
    | 'WEBHOOK_MAX_SUBSCRIPTIONS'
    | 'SECRETS_KEY'
  >;
  readonly auth: Auth;
  /** Seals webhook secrets; loaded from SECRETS_KEY or the database on first use when absent. */
  readonly box?: SecretBox;
  /** DNS, replaceable in tests. */
  readonly lookup?: Lookup;
  readonly logger?: Logger;
}

const bodyOf = (req: Request): unknown => (req.body as unknown) ?? {};

/** The program's webhook subscriptions (signed routes): list, create (the secret shown once), update, delete. */
export function webhooksRoutes(deps: WebhooksDeps): Router {
  const router = Router();
  const signed = deps.auth.authenticate(PROGRAM_SCHEMES);
  const given = deps.box;
  const secretBox = given ? () => Promise.resolve(given) : lazySecretBox(deps.knex, deps.config.SECRETS_KEY);
  const rules = { allowPrivate: deps.config.WEBHOOK_ALLOW_PRIVATE, allowHttp: deps.config.WEBHOOK_ALLOW_HTTP };
  const guardUrl = async (url: string): Promise<string> => {
    try {
      return await checkWebhookUrl(url, rules, deps.lookup);
    } catch (error) {
      if (!(error instanceof UnsafeWebhookUrlError)) throw error;
      throw new HttpError('invalid_request', 'the webhook URL is refused', [{ field: 'url', message: error.message }]);
    }
  };
  const settled = readYourWrites(deps, [WEBHOOK_SUBSCRIPTIONS_PROJECTION]);
  const load = ownRow(deps, findSubscription, 'webhook subscription');

  router.get('/v1/webhooks', signed, (req, res) =>
    sendPage(
      res,
      req.query,
      (page) => listSubscriptions(deps.knex, programIdOf(res.locals), page),
      presentSubscription,
    ),
  );

  router.post('/v1/webhooks', signed, async (req, res) => {
    const body = createSubscriptionBody.parse(bodyOf(req));
    const url = await guardUrl(body.url);
    const programId = programIdOf(res.locals);
    const existing = await countSubscriptions(deps.knex, programId);
    const input = { name: body.name ?? null, url, events: body.events, active: body.active };
    const created = await createSubscription(deps, input, commandContext(req, res), {
      box: await secretBox(),
      existing,
      max: deps.config.WEBHOOK_MAX_SUBSCRIPTIONS,
    });
    await settled(created.position);
    const at = created.createdAt;
    const subscription = {
      id: created.id,
      ...input,
      events: [...new Set(input.events)],
      created_at: at,
      updated_at: at,
    };
    res.set('Cache-Control', 'no-store').location(`/v1/webhooks/${created.id}`);
    sendResource(res, { webhookId: created.id, secret: created.secret, ...subscription }, created.version ?? 0n, 201);
  });

  router.patch('/v1/webhooks/:id', signed, async (req, res) => {
    const id = String(req.params.id);
    const body = patchSubscriptionBody.parse(bodyOf(req));
    const current = await load(res, id);
    const changes = { ...body, ...(body.url === undefined ? {} : { url: await guardUrl(body.url) }) };
    const result = await updateSubscription(deps, id, changes, commandContext(req, res), {
      expectedVersion: expectedVersion(req),
    });
    await settled(result.position);
    const updated = (await findSubscription(deps.knex, programIdOf(res.locals), id)) ?? current;
    sendResource(res, presentSubscription(updated), result.version ?? updated.version);
  });

  router.delete('/v1/webhooks/:id', signed, async (req, res) => {
    const id = String(req.params.id);
    await load(res, id);
    const result = await deleteSubscription(deps, id, commandContext(req, res), {
      expectedVersion: expectedVersion(req),
    });
    await settled(result.position);
    res.status(204).end();
  });

  return router;
}
