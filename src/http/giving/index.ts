import type { ApiContext } from '../context.js';
import { campaignRoutes } from './campaigns/routes.js';
import { campaignsWebhookSource } from './campaigns/webhooks.js';
import { companyRoutes } from './contacts/company-routes.js';
import { contactRoutes } from './contacts/contact-routes.js';
import { contactsWebhookSource } from './contacts/webhooks.js';
import { donationRoutes } from './donations/routes.js';
import { donationsWebhookSource } from './donations/webhooks.js';
import { givingOpenapi } from './openapi.js';
import { planRoutes } from './plans/routes.js';
import { routersOf } from '../shared/route-routers.js';

/** Campaigns, donations, recurring plans, contacts, companies and tags. */
export const givingHttp = {
  routers: routersOf<ApiContext>(campaignRoutes, donationRoutes, planRoutes, contactRoutes, companyRoutes),
  webhookSources: [campaignsWebhookSource, donationsWebhookSource, contactsWebhookSource],
  openapi: givingOpenapi,
};
