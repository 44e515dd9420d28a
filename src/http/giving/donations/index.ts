import type { Router } from 'express';
import type { ApiContext } from '../../context.js';

/** The routers of campaigns and donations; their OpenAPI paths are registered on import. */
export function donationsRoutes(_ctx: ApiContext): Router[] {
  return [];
}
