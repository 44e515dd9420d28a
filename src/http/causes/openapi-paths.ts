import { json, resource, z } from '../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../openapi/security.js';

/* What the OpenAPI paths of the causes context's resources share. */

export const tags = ['Causes'];
export const ID = '5f78b40f-ae05-439a-82b5-52b952324a54';
export const memberOrKey = [SECURITY.memberToken, SECURITY.memberBearer, SECURITY.apiKey, ...PROGRAM_SECURITY];
export const created = json(resource(z.object({ id: z.uuid() })), { data: { id: ID }, version: 0 }, 'Created');
