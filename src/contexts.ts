/**
 * The one list of contexts. main.ts, the CLI and the tests build from it the
 * migrations, the projection runner's read models, the webhook dispatcher's
 * payload sources, the background workers, the routers and the OpenAPI
 * document. Adding a context is one folder per layer, each with an index.ts,
 * and one entry in `contexts`.
 */
import type { Router } from 'express';
import type { ExternalTokenValidator } from './commands/members/sessions.js';
import type { ApiContext } from './http/context.js';
import { fulfillmentHttp } from './http/fulfillment/index.js';
import { givingHttp } from './http/giving/index.js';
import { hubHttp } from './http/hub/index.js';
import { idempotencyKeysMigration } from './http/idempotency/migration.js';
import { membersHttp } from './http/members/index.js';
import type { OutboxSource } from './http/outbox/sources.js';
import { platformOpenapi } from './http/openapi/platform.js';
import { perksHttp } from './http/perks/index.js';
import { replayHttp } from './http/replay/index.js';
import { tenancyHttp } from './http/tenancy/index.js';
import type { DeliveryRoutesDeps } from './http/webhooks/deliveries.js';
import { webhooksHttp } from './http/webhooks/index.js';
import type { Migration } from './platform/db.js';
import { inNameOrder, platformMigrations } from './platform/migrations.js';
import { fulfillmentProjections } from './projections/fulfillment/index.js';
import { givingProjections } from './projections/giving/index.js';
import { hubProjections } from './projections/hub/index.js';
import type { ProjectionsModule } from './projections/index.js';
import { membersProjections } from './projections/members/index.js';
import { runnerMigrations } from './projections/migrations.js';
import { perksProjections } from './projections/perks/index.js';
import type { Projection } from './projections/projection.js';
import { tenancyProjections } from './projections/tenancy/index.js';
import type { WebhookSource } from './projections/webhooks/webhook-source.js';
import { webhooksProjections } from './projections/webhooks/index.js';
import { fulfillmentWorkers } from './workers/fulfillment/index.js';
import { givingWorkers } from './workers/giving/index.js';
import { hubWorkers } from './workers/hub/index.js';
import type { WorkersModule } from './workers/index.js';
import { memberWorkers } from './workers/members/index.js';
import type { BackgroundWorker, WorkerContext } from './workers/types.js';

/** What every context's routers may be given: the API context and the few things one context alone needs. */
export interface RouteDeps extends ApiContext {
  readonly tokenValidator: ExternalTokenValidator;
  readonly deliveries: DeliveryRoutesDeps;
}

/** What a context's http/<ctx>/index.ts exports. */
export interface HttpModule {
  routers(deps: RouteDeps): Router[];
  /** Turn the context's events into webhook payloads. */
  readonly webhookSources: readonly WebhookSource[];
  /** Documents the context's routes in the OpenAPI registry. */
  openapi(): void;
  /** The messages its sandbox adapters "sent", for the one `GET /v1/admin/outbox`. */
  readonly outbox?: OutboxSource;
}

export interface Context {
  readonly name: string;
  readonly http?: HttpModule;
  readonly projections?: ProjectionsModule;
  readonly workers?: WorkersModule;
}

export const contexts: readonly Context[] = [
  { name: 'tenancy', http: tenancyHttp, projections: tenancyProjections },
  { name: 'members', http: membersHttp, projections: membersProjections, workers: memberWorkers },
  { name: 'perks', http: perksHttp, projections: perksProjections },
  { name: 'giving', http: givingHttp, projections: givingProjections, workers: givingWorkers },
  { name: 'webhooks', http: webhooksHttp, projections: webhooksProjections },
  { name: 'replay', http: replayHttp },
  { name: 'fulfillment', http: fulfillmentHttp, projections: fulfillmentProjections, workers: fulfillmentWorkers },
  { name: 'hub', http: hubHttp, projections: hubProjections, workers: hubWorkers },
];

/** Every migration of the app, in the order they run: platform's, the runner's, idempotency's and each context's. */
export const allMigrations: readonly Migration[] = inNameOrder([
  ...platformMigrations,
  ...runnerMigrations,
  idempotencyKeysMigration,
  ...contexts.flatMap((context) => context.projections?.migrations ?? []),
]);

/** Every read model of the app (the webhook dispatcher is added by the webhooks module, which owns its queue). */
export const allProjections: readonly Projection[] = contexts.flatMap(
  (context) => context.projections?.projections ?? [],
);

/** Every context's sandbox outbox. */
export const allOutboxSources: readonly OutboxSource[] = contexts.flatMap((context) =>
  context.http?.outbox ? [context.http.outbox] : [],
);

/** Every context's webhook payload sources, for the dispatcher. */
export const allWebhookSources: readonly WebhookSource[] = contexts.flatMap(
  (context) => context.http?.webhookSources ?? [],
);

/** Every background worker but webhook delivery (which the webhooks module runs). */
export function allWorkers(ctx: WorkerContext): BackgroundWorker[] {
  return contexts.flatMap((context) => context.workers?.workers(ctx) ?? []);
}

/** Every context's routers, in the order of the list. */
export function allRouters(deps: RouteDeps): Router[] {
  return contexts.flatMap((context) => context.http?.routers(deps) ?? []);
}

let documented = false;

/** Documents every route, the platform's then each context's, once per process: before the document is first served. */
export function documentAllRoutes(): void {
  if (documented) return;
  documented = true;
  platformOpenapi();
  for (const context of contexts) context.http?.openapi();
}
