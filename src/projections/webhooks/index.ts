import type { ProjectionsModule } from '../index.js';
import { webhookDeliveriesMigration } from './deliveries/migrations/0011_webhook_deliveries.js';
import { webhookSubscriptionsProjection } from './subscriptions.js';
import { webhookSubscriptionsMigration } from './subscriptions/migrations/0009_rm_webhook_subscriptions.js';

/** Subscriptions are a read model; deliveries are the dispatcher's rows, owned here beside it. */
export const webhooksProjections: ProjectionsModule = {
  projections: [webhookSubscriptionsProjection],
  migrations: [webhookSubscriptionsMigration, webhookDeliveriesMigration],
};
