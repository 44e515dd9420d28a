import { registry, z } from '../../openapi/registry.js';
import { SECURITY } from '../../openapi/security.js';

const tags = ['Sandbox outbox'];
const security = [SECURITY.admin];

const messageId = '7d1f0b9e-8c2a-5b3d-9e4f-0a1b2c3d4e5f';

/** Documents the bytes of a sandbox mail's attachments (the list of messages is the platform's outbox). */
export function documentOutboxAttachments(): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/outbox/{id}/attachments/{n}',
    tags,
    summary: "An outbox message's attachment n (from 0), as it was attached",
    security,
    request: {
      params: z.object({
        id: z.string().uuid().openapi({ example: messageId }),
        n: z.number().int().min(0).openapi({ example: 0 }),
      }),
    },
    responses: {
      200: {
        description: 'the attachment',
        headers: {
          'Content-Disposition': { description: 'inline; filename="<filename>"', schema: { type: 'string' } },
        },
        content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
      },
    },
  });
}
