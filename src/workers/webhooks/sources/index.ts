import { contactsWebhookSource } from './giving-contacts.js';
import { donationsWebhookSource } from './giving-donations.js';
// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { memberWebhookSource } from '../../../http/members/members/webhooks.js';
// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { perksWebhookSource } from '../../../http/perks/uses/webhooks.js';
import type { WebhookSource } from '../../../projections/webhooks/webhook-source.js';

export type { WebhookMessage, WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';

/** Every context that makes webhooks. */
export const webhookSources: readonly WebhookSource[] = [memberWebhookSource, perksWebhookSource, donationsWebhookSource, contactsWebhookSource];
