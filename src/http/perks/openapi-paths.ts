import { json, pathId, registry, resource, z } from '../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../openapi/security.js';

/* What the OpenAPI paths of the perks context's resources share. */

export const tags = ['Perks'];
export const ID = '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41';
export const idParam = pathId(ID);
export const memberOrKey = [SECURITY.memberToken, SECURITY.memberBearer, SECURITY.apiKey, ...PROGRAM_SECURITY];
export const created = json(resource(z.object({ id: z.uuid() })), { data: { id: ID }, version: 0 }, 'Created');

type Method = 'post' | 'patch' | 'get';
export const route = (method: Method, path: string, summaryText: string, config: Record<string, unknown>) =>
  registry.registerPath({ method, path, tags, summary: summaryText, ...config } as Parameters<
    typeof registry.registerPath
  >[0]);
