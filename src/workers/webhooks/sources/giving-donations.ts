import type { WebhookSource } from './types.js';

/** donation.*, campaign.*. */
export const donationsWebhookSource: WebhookSource = {
  eventTypes: [],
  messages: () => [],
};
