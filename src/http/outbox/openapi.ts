import { listJson, registry, z } from '../openapi/registry.js';
import { SECURITY } from '../openapi/security.js';

const example = {
  id: '7d1f0b9e-8c2a-5b3d-9e4f-0a1b2c3d4e5f',
  channel: 'email',
  to: 'camille@example.org',
  subject: 'Your Sandbox gift card 10 EUR',
  text: 'Sandbox gift card 10 EUR: 10.00 EUR\ncode: SBX-1A2B-3C4D-5E6F-7A8B (enter the code at checkout)\nOrder ORD123-L987-0',
  status: 'sent',
  created_at: '2026-11-22T10:00:01.000Z',
  attachments: [{ filename: 'order-ORD123-L987-0.pdf', content_type: 'application/pdf', size: 1834 }],
};

/** Documents the sandbox adapters' outbox. */
export function documentOutbox(): void {
  const message = registry.register(
    'OutboxMessage',
    z
      .object({
        id: z.string().uuid(),
        channel: z.enum(['sms', 'email']),
        to: z.string().openapi({ description: 'an email address, or a phone number in E.164 for an SMS' }),
        subject: z.string().nullable(),
        text: z.string(),
        status: z
          .enum(['sent', 'delivered', 'failed'])
          .openapi({ description: 'what the provider reported last (the SMS delivery callback)' }),
        created_at: z.string().datetime(),
        attachments: z.array(
          z.object({ filename: z.string(), content_type: z.string(), size: z.number().int().min(0) }),
        ),
        hubId: z.string().uuid().optional().openapi({ description: "the hub's messages: the hub of the customer" }),
      })
      .openapi({ description: 'A message a sandbox adapter "sent": hub SMS and emails, fulfillment mails' }),
  );
  registry.registerPath({
    method: 'get',
    path: '/v1/admin/outbox',
    tags: ['Sandbox outbox'],
    summary: 'What the sandbox SMS and email adapters "sent", every context, newest first, filtered by recipient',
    security: [SECURITY.admin],
    request: {
      query: z.object({
        to: z.string().max(320).optional(),
        page: z.number().int().min(1).max(5000).optional(),
        per_page: z.number().int().min(1).max(100).optional(),
      }),
    },
    responses: { 200: listJson(message, example) },
  });
}
