import { WEBHOOK_EVENT_NAMES } from '../../../domain/webhooks/event-names.js';
import { json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { dateTime, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createSubscriptionBody, patchSubscriptionBody } from './schemas.js';

const tags = ['Webhooks'];

const subscriptionExample = {
  id: '5f0c6a1e-3b7d-4c2a-9e81-0d4b7a6c2f93',
  name: 'CRM sync',
  url: 'https://hooks.example.org/goodstream',
  events: ['donation.created', 'member.registered'],
  active: true,
  created_at: '2026-11-22T10:00:00.000Z',
  updated_at: '2026-11-22T10:00:00.000Z',
};

/** Documents the webhook subscriptions' paths in the registry. */
export function documentSubscriptions(): void {
  const subscription = registry.register(
    'WebhookSubscription',
    z.object({
      id: uuid,
      name: z.string().nullable(),
      url: z.url().openapi({
        description:
          'https (http only where the configuration allows it); a host that resolves to a private address is refused',
      }),
      events: z.array(z.enum(WEBHOOK_EVENT_NAMES)),
      active: z.boolean(),
      created_at: dateTime,
      updated_at: dateTime,
    }),
  );

  const subscriptions = documentResource({
    path: '/v1/webhooks',
    tags,
    id: '5f0c6a1e-3b7d-4c2a-9e81-0d4b7a6c2f93',
    idempotentCreate: false,
  });
  subscriptions.list(
    "The program's webhook subscriptions (never their secrets)",
    PAGE_QUERY,
    listJson(subscription, subscriptionExample),
  );
  subscriptions.create(
    'Subscribe a URL to events; the Standard Webhooks secret (whsec_…) that signs them is shown this once',
    json(createSubscriptionBody, {
      name: 'CRM sync',
      url: 'https://hooks.example.org/goodstream',
      events: ['donation.created', 'member.registered'],
    }),
    {
      201: json(
        resource(
          subscription.extend({ webhookId: z.string(), secret: z.string().openapi({ description: 'shown once' }) }),
        ),
        {
          data: {
            webhookId: subscriptionExample.id,
            secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
            ...subscriptionExample,
          },
          version: 0,
        },
      ),
    },
  );
  subscriptions.patch(
    'Change the name, URL, events or active flag of a subscription',
    json(patchSubscriptionBody, { events: ['donation.created', 'donation.refunded'], active: false }),
    json(resource(subscription), {
      data: { ...subscriptionExample, events: ['donation.created', 'donation.refunded'], active: false },
      version: 1,
    }),
  );
  subscriptions.remove('Remove a subscription: nothing more is sent to it', { 204: { description: 'removed' } });
}
