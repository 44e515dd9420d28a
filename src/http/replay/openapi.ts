import { registry, z } from '../openapi/registry.js';
import { PROGRAM_SECURITY } from '../openapi/security.js';
import { NDJSON } from './ndjson.js';
import { SEALED } from './sealing.js';

const tags = ['Replay'];
const POSITION = z
  .string()
  .regex(/^[0-9a-f]{16}-[0-9a-f]{16}$/)
  .openapi({ example: '00000000000004d2-0000000000000011' });

/** Event types are named in the past tense, in PascalCase: `MemberRegistered`. */
const EVENT_TYPE = z
  .string()
  .regex(/^[A-Z][A-Za-z0-9]*$/)
  .openapi({ example: 'MemberRegistered' });

/** A map's values: whatever JSON the event type puts there (a real map, not an open object). */
const JSON_VALUE = z.unknown().openapi({ description: 'a JSON value, as the event type defines it' });

const SEALING =
  `Every event of the program, as stored, except what never leaves: the value of any field named like a credential, ` +
  `token, digest, key or sealed data (password, secret, token, digest, hash, sealed, cipher, encrypted, iban, cvc, ` +
  `private, personal, pii, claim code) and any value sealed by the platform reads "${SEALED}"; card and payment tokens, api ` +
  `secret digests, webhook and recaptcha secrets and erased customers' personal fields among them.`;

const example = {
  position: '00000000000004d2-0000000000000011',
  id: '0b0d6a3e-6f7b-4a7e-9c1e-2f0b8d9a4c11',
  stream: 'member-6c2f0b8d-9a4c-4e11-8b0d-6a3e6f7b4a7e',
  revision: 0,
  type: 'MemberRegistered',
  created_at: '2026-12-05T10:00:00.000Z',
  data: { memberId: '6c2f0b8d-9a4c-4e11-8b0d-6a3e6f7b4a7e', email: 'zaz@example.org', passwordHash: SEALED },
  metadata: { tenantId: '5f0c6a1e-3b7d-4c2a-9e81-0d4b7a6c2f93', actor: 'member', schemaVersion: 1 },
};

/** Documents the replay routes in the registry. */
export function replayOpenapi(): void {
  const event = registry.register(
    'ReplayedEvent',
    z
      .object({
        position: POSITION.openapi({ description: 'Opaque, sortable: pass it as `from` to resume right after it.' }),
        id: z.uuid(),
        stream: z.string(),
        revision: z.number().int().min(0),
        type: EVENT_TYPE,
        created_at: z.iso.datetime(),
        data: z.record(z.string(), JSON_VALUE).openapi({ description: "The event's payload, by type." }),
        metadata: z.record(z.string(), JSON_VALUE).openapi({ description: 'tenantId, actor, correlationId, …' }),
      })
      .openapi({ description: SEALING, example }),
  );
  const heartbeat = registry.register(
    'ReplayHeartbeat',
    z
      .object({ heartbeat: z.iso.datetime(), position: POSITION })
      .openapi({ description: 'A follow-mode line when nothing new came: resume from its position.' }),
  );
  const list = (...names: string[]) =>
    z
      .string()
      .optional()
      .openapi({ description: `Comma-separated ${names.join(' or ')}` });

  registry.registerPath({
    method: 'get',
    path: '/v1/events',
    tags,
    summary: "Replay the program's own events, from a position, as NDJSON or JSON pages",
    description:
      `${SEALING} With \`Accept: ${NDJSON}\` the answer streams one event per line up to the newest event at the time ` +
      'of the request (or, with `follow=true`, keeps going as new events commit, with a heartbeat line when idle); ' +
      'otherwise a JSON page of at most `limit` events and the `next` position. Needs the program credentials.',
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        from: POSITION.optional().openapi({ description: 'Exclusive: the events after this position.' }),
        category: list('stream categories (the stream name before its first dash)'),
        type: z
          .string()
          .regex(/^[A-Z][A-Za-z0-9]*(,[A-Z][A-Za-z0-9]*)*$/)
          .optional()
          .openapi({ description: 'Comma-separated event types', example: 'MemberRegistered,DonationRecorded' }),
        since: z.iso.datetime({ offset: true }).optional(),
        until: z.iso.datetime({ offset: true }).optional(),
        limit: z.number().int().min(1).max(1000).optional().openapi({ description: 'JSON pages only; 100 by default' }),
        follow: z.enum(['true', 'false']).optional(),
        heartbeat_seconds: z.number().int().min(1).max(60).optional(),
      }),
    },
    responses: {
      200: {
        description: 'The events, in log order',
        content: {
          'application/json': {
            schema: z.object({ data: z.array(event), next: POSITION, has_more: z.boolean() }),
            example: { data: [example], next: example.position, has_more: false },
          },
          [NDJSON]: { schema: z.union([event, heartbeat]), example },
        },
      },
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/streams/{stream}',
    tags,
    summary: "One of the program's streams, in revision order",
    description: `${SEALING} Another program's stream is not found.`,
    security: PROGRAM_SECURITY,
    request: {
      params: z.object({
        stream: z
          .string()
          .regex(/^[A-Za-z0-9_.:@-]{1,200}$/)
          .openapi({ example: example.stream }),
      }),
      query: z.object({
        from_revision: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
    },
    responses: {
      200: {
        description: 'The events, in revision order',
        content: {
          'application/json': {
            schema: z.object({ data: z.array(event), next_revision: z.number().int().min(0).nullable() }),
            example: { data: [example], next_revision: null },
          },
          [NDJSON]: { schema: event, example },
        },
      },
    },
  });
}
