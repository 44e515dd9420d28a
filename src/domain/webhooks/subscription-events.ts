import { z } from 'zod';
import { aggregateEvents, type EventOf } from '../shared/events.js';

export const subscriptionChanges = z.object({
  name: z.string().nullable().optional(),
  url: z.string().optional(),
  events: z.array(z.string()).optional(),
  active: z.boolean().optional(),
});
export type SubscriptionChanges = z.infer<typeof subscriptionChanges>;

const subscription = aggregateEvents('subscriptionId', ['programId']);

export const webhookSubscriptionEvents = {
  WebhookSubscriptionCreated: subscription.opening({
    name: z.string().nullable(),
    url: z.string(),
    events: z.array(z.string()).min(1),
    active: z.boolean(),
    /** The Standard Webhooks secret sealed with AES-256-GCM: the secret itself is shown once and never recorded. */
    secretCiphertext: z.string(),
    createdAt: z.string(),
  }),
  WebhookSubscriptionUpdated: subscription.event({
    changes: subscriptionChanges,
    updatedAt: z.string(),
  }),
  /** Turned off by goodstream itself, e.g. when the receiver answers 410 Gone. */
  WebhookSubscriptionDeactivated: subscription.event({
    reason: z.string(),
    deactivatedAt: z.string(),
  }),
  WebhookSubscriptionDeleted: subscription.event({ deletedAt: z.string() }),
};
export type WebhookSubscriptionEvent = EventOf<typeof webhookSubscriptionEvents>;
