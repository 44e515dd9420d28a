import type { Router } from 'express';
import type { ApiContext } from '../context.js';
import './campaigns/openapi.js';
import { campaignRoutes } from './campaigns/routes.js';
import './donations/openapi.js';
import { donationRoutes } from './donations/routes.js';
import { companyRoutes } from './contacts/company-routes.js';
import './contacts/openapi.js';
import { contactRoutes } from './contacts/contact-routes.js';
import './plans/openapi.js';
import { planRoutes } from './plans/routes.js';

/** The routers of campaigns, donations, recurring plans, contacts, companies and tags; their OpenAPI paths are registered on import, in this order. */
export function givingRoutes(ctx: ApiContext): Router[] {
  return [campaignRoutes(ctx), donationRoutes(ctx), planRoutes(ctx), contactRoutes(ctx), companyRoutes(ctx)];
}
