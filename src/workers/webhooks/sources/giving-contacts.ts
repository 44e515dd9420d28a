import type { WebhookSource } from './types.js';

/** contact.*. */
export const contactsWebhookSource: WebhookSource = {
  eventTypes: [],
  messages: () => [],
};
