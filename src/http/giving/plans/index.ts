import type { Router } from 'express';
import type { ApiContext } from '../../context.js';
import { companyRoutes } from './company-routes.js';
import './contact-openapi.js';
import { contactRoutes } from './contact-routes.js';
import './plan-openapi.js';
import { planRoutes } from './plan-routes.js';

/** The routers of recurring plans, contacts, companies and tags; their OpenAPI paths are registered on import. */
export function plansRoutes(ctx: ApiContext): Router[] {
  return [planRoutes(ctx), contactRoutes(ctx), companyRoutes(ctx)];
}
