import { z } from 'zod';
import type { EventOf } from '../shared/events.js';

export const subscriptionChanges = z.object({
  name: z.string().nullable().optional(),
  url: z.string().optional(),
  events: z.array(z.string()).optional(),
  active: z.boolean().optional(),
});
export type SubscriptionChanges = z.infer<typeof subscriptionChanges>;

export const webhookSubscriptionEvents = {
  WebhookSubscriptionCreated: z.object({
    subscriptionId: z.string(),
    programId: z.string(),
    name: z.string().nullable(),
    url: z.string(),
    events: z.array(z.string()).min(1),
    active: z.boolean(),
    /** The Standard Webhooks secret sealed with AES-256-GCM: the secret itself is shown once and never recorded. */
    secretCiphertext: z.string(),
    createdAt: z.string(),
  }),
  WebhookSubscriptionUpdated: z.object({
    subscriptionId: z.string(),
    changes: subscriptionChanges,
    updatedAt: z.string(),
  }),
  /** Turned off by goodstream itself, e.g. when the receiver answers 410 Gone. */
  WebhookSubscriptionDeactivated: z.object({
    subscriptionId: z.string(),
    reason: z.string(),
    deactivatedAt: z.string(),
  }),
  WebhookSubscriptionDeleted: z.object({ subscriptionId: z.string(), deletedAt: z.string() }),
};
export type WebhookSubscriptionEvent = EventOf<typeof webhookSubscriptionEvents>;
