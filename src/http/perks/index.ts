import type { Router } from 'express';
import { causesRoutes } from '../causes/routes.js';
import type { ApiContext } from '../context.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { readRoutes } from './read-routes.js';
import { usesRoutes } from './uses-routes.js';
import './openapi.js';
import '../causes/openapi.js';

/** The routers of perks and causes; their OpenAPI paths are registered on import. */
export function perksRoutes(ctx: ApiContext): Router[] {
  return [usesRoutes(ctx), catalogueRoutes(ctx), readRoutes(ctx), causesRoutes(ctx)];
}
