import { contactsWebhookSource } from './giving-contacts.js';
import { donationsWebhookSource } from './giving-donations.js';
import { memberWebhookSource } from './members.js';
import { perksWebhookSource } from './perks.js';
import type { WebhookSource } from './types.js';

export type { WebhookMessage, WebhookSource, WebhookSourceContext } from './types.js';

/** Every context that makes webhooks. */
export const webhookSources: readonly WebhookSource[] = [memberWebhookSource, perksWebhookSource, donationsWebhookSource, contactsWebhookSource];
