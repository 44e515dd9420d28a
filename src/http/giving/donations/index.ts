import type { Router } from 'express';
import type { ApiContext } from '../../context.js';
import { campaignRoutes } from './campaign-routes.js';
import { donationRoutes } from './donation-routes.js';
import './openapi-campaigns.js';
import './openapi-donations.js';

/** The routers of campaigns and donations; their OpenAPI paths are registered on import. */
export function donationsRoutes(ctx: ApiContext): Router[] {
  return [campaignRoutes(ctx), donationRoutes(ctx)];
}
