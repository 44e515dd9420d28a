// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { campaignsWebhookSource } from '../../../http/giving/campaigns/webhooks.js';
// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { contactsWebhookSource } from '../../../http/giving/contacts/webhooks.js';
// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { donationsWebhookSource } from '../../../http/giving/donations/webhooks.js';
// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { memberWebhookSource } from '../../../http/members/members/webhooks.js';
// eslint-disable-next-line no-restricted-imports -- until the contexts module hands the dispatcher its sources (issue 16, item 1)
import { perksWebhookSource } from '../../../http/perks/uses/webhooks.js';
import type { WebhookSource } from '../../../projections/webhooks/webhook-source.js';

export type { WebhookMessage, WebhookSource, WebhookSourceContext } from '../../../projections/webhooks/webhook-source.js';

/** Every context that makes webhooks. */
export const webhookSources: readonly WebhookSource[] = [memberWebhookSource, perksWebhookSource, campaignsWebhookSource, donationsWebhookSource, contactsWebhookSource];
