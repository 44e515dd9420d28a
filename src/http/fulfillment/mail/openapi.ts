import { errorResponses, json, listOf, registry, SECURITY, z } from '../../openapi/registry.js';
import { pagingQuery } from '../paging.js';

const tags = ['Sandbox outbox'];
const security = [SECURITY.admin];

const messageExample = {
  id: '7d1f0b9e-8c2a-5b3d-9e4f-0a1b2c3d4e5f',
  to: 'camille@example.org',
  subject: 'Your Sandbox gift card 10 EUR',
  text: 'Sandbox gift card 10 EUR: 10.00 EUR\ncode: SBX-1A2B-3C4D-5E6F-7A8B (enter the code at checkout)\nOrder ORD123-L987-0',
  created_at: '2026-11-22T10:00:01.000Z',
  attachments: [{ filename: 'order-ORD123-L987-0.pdf', content_type: 'application/pdf', size: 1834 }],
};

/** Documents the sandbox mailer's outbox. */
export function documentOutbox(): void {
  const message = registry.register(
    'OutboxMessage',
    z
      .object({
        id: z.string().uuid(),
        to: z.string().email(),
        subject: z.string(),
        text: z.string(),
        created_at: z.string().datetime(),
        attachments: z.array(
          z.object({ filename: z.string(), content_type: z.string(), size: z.number().int().min(0) }),
        ),
      })
      .openapi({ description: 'A mail the sandbox mailer "sent" (fulfillment email delivery)' }),
  );
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/outbox',
    tags,
    summary: 'The sandbox mailer: the messages it "sent", newest first, filtered by recipient',
    security,
    request: { query: z.object({ to: z.string().max(320).optional(), ...pagingQuery }) },
    responses: {
      200: json(listOf(message), { data: [messageExample], paging: { page: 1, per_page: 20, total: 1 } }),
      ...errorResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/outbox/{id}/attachments/{n}',
    tags,
    summary: "An outbox message's attachment n (from 0), as it was attached",
    security,
    request: {
      params: z.object({
        id: z.string().uuid().openapi({ example: messageExample.id }),
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
      ...errorResponses(401, 403, 404),
    },
  });
}
