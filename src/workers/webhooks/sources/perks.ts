import type { WebhookSource } from './types.js';

/** use.created, use.feedback_given. */
export const perksWebhookSource: WebhookSource = {
  eventTypes: [],
  messages: () => [],
};
