import type { Router } from 'express';
import type { ApiContext } from '../../context.js';

/** The routers of recurring plans, contacts, companies and tags; their OpenAPI paths are registered on import. */
export function plansRoutes(_ctx: ApiContext): Router[] {
  return [];
}
