import { json, registry, z } from '../../openapi/registry.js';
import { API_KEY_SECURITY, PROGRAM_SECURITY } from '../../openapi/security.js';
import { CUSTOMER_ID } from '../examples.js';

export const tags = ['Hub customers'];
export const KEY = API_KEY_SECURITY;
export const CUSTOMER = [{ customerBearer: [] }];
export const SIGNED_OR_PROGRAM = PROGRAM_SECURITY;
export const s = () => z.string().nullable();
export const noContent = { 204: { description: 'done' } };
export const tokenAnswer = json(z.object({ data: z.object({ customerId: z.uuid(), token: z.string() }) }), {
  data: { customerId: CUSTOMER_ID, token: 'eyJhbGciOiJFUzI1NiJ9…' },
});

registry.registerComponent('securitySchemes', 'customerBearer', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: "A hub customer's JWT (scope customer, 1 h; registration, 2 h, from postRegistration).",
});

/** One documented route of the hub customers. */
export const path = (
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  route: string,
  operationId: string,
  summary: string,
  security: Array<Record<string, string[]>>,
  extra: Record<string, unknown>,
) =>
  registry.registerPath({ method, path: route, operationId, tags, summary, security, ...extra } as Parameters<
    typeof registry.registerPath
  >[0]);
