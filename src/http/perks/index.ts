import type { Router } from 'express';
import type { ApiContext } from '../context.js';

/** The routers of perks and causes; their OpenAPI paths are registered on import. */
export function perksRoutes(_ctx: ApiContext): Router[] {
  return [];
}
