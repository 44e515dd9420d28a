import { WEBHOOK_EVENT_NAMES } from '../../../domain/webhooks/event-names.js';
import { IF_MATCH, json, listJson, pathId, PROGRAM_SECURITY, registry, resource, z } from '../../openapi/registry.js';
import { dateTime, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createSubscriptionBody, patchSubscriptionBody } from './schemas.js';

const tags = ['Webhooks'];
const idParam = pathId('5f0c6a1e-3b7d-4c2a-9e81-0d4b7a6c2f93');

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

  registry.registerPath({
    method: 'get',
    path: '/v1/webhooks',
    tags,
    summary: "The program's webhook subscriptions (never their secrets)",
    security: PROGRAM_SECURITY,
    request: {
      query: PAGE_QUERY,
    },
    responses: {
      200: listJson(subscription, subscriptionExample),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/webhooks',
    tags,
    summary: 'Subscribe a URL to events; the Standard Webhooks secret (whsec_…) that signs them is shown this once',
    security: PROGRAM_SECURITY,
    request: {
      body: json(createSubscriptionBody, {
        name: 'CRM sync',
        url: 'https://hooks.example.org/goodstream',
        events: ['donation.created', 'member.registered'],
      }),
    },
    responses: {
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
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/webhooks/{id}',
    tags,
    summary: 'Change the name, URL, events or active flag of a subscription',
    security: PROGRAM_SECURITY,
    request: {
      params: idParam,
      headers: IF_MATCH,
      body: json(patchSubscriptionBody, { events: ['donation.created', 'donation.refunded'], active: false }),
    },
    responses: {
      200: json(resource(subscription), {
        data: { ...subscriptionExample, events: ['donation.created', 'donation.refunded'], active: false },
        version: 1,
      }),
    },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/webhooks/{id}',
    tags,
    summary: 'Remove a subscription: nothing more is sent to it',
    security: PROGRAM_SECURITY,
    request: { params: idParam, headers: IF_MATCH },
    responses: { 204: { description: 'removed' } },
  });
}
