import { campaignResource } from '../../webhooks/payloads/giving.js';
import { resourceExample } from '../../openapi/examples.js';
import {
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  listJson,
  pathId,
  PROGRAM_SECURITY,
  registry,
  resource,
  z,
} from '../../openapi/registry.js';
import { currency, dateTime, money, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createCampaignBody, patchCampaignBody } from './schemas.js';

const tags = ['Campaigns'];
const idParam = pathId('7d1c2b9e-4f3a-4c1e-8b2d-5a6f7e8d9c01');

export const campaignExample = resourceExample('campaign.created');

const manager = z.object({
  id: uuid,
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  picture: z.string().nullable(),
  donated: money.openapi({ description: 'what this user gave (donations under their email), two decimals' }),
  raised: money.openapi({ description: 'what donations credited to this user (user_id) brought' }),
  url: z.string(),
  campaigns: z.array(z.object({ id: uuid, title: z.string(), slug: z.string() })),
});

/** Documents the campaigns' paths in the registry. */
export function documentCampaigns(): void {
  const campaign = registry.register(
    'Campaign',
    // Rebuilt with this module's z: the payload schema may be created before zod is extended for OpenAPI.
    z
      .object({
        ...campaignResource.shape,
        id: uuid,
        image: z.object({ url: z.string() }).nullable(),
        currency,
        status: z.enum(['active', 'archived']),
        archived_at: dateTime.nullable(),
        managers: z.array(manager).openapi({ description: "seed 002's Users who manage the campaign" }),
      })
      .openapi({
        description:
          "Seed 002's Campaign. `raised` (the donated part of succeeded, unrefunded, undeleted donations) and `number_of_donors` (distinct donor emails) come from the read model.",
      }),
  );

  registry.registerPath({
    method: 'get',
    path: '/v1/campaigns',
    tags,
    summary: "The program's campaigns, newest first",
    security: PROGRAM_SECURITY,
    request: {
      query: z.object({
        ...PAGE_QUERY.shape,
        status: z.enum(['active', 'archived']).optional(),
      }),
    },
    responses: {
      200: listJson(campaign, campaignExample),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/campaigns',
    tags,
    summary: 'Create a campaign; the slug is unique across the whole platform (409 conflict_uniqueness)',
    security: PROGRAM_SECURITY,
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(createCampaignBody, {
        title: 'Des arbres pour Bordeaux',
        description: '<p>Planter 500 arbres.</p>',
        slug: 'des-arbres-pour-bordeaux',
        goal: '10000.00',
        start_at: '2026-11-01T00:00:00Z',
        end_at: '2027-01-31T00:00:00Z',
        image: { url: 'https://cdn.goodstream.example/campaigns/des-arbres-pour-bordeaux.jpg' },
        managers: [{ first_name: 'Lucie', last_name: 'Martin', email: 'lucie.martin@example.org' }],
      }),
    },
    responses: {
      201: json(
        resource(campaign),
        { data: { ...campaignExample, raised: '0.00', number_of_donors: 0 }, version: 0 },
        'created',
      ),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/campaigns/{id}',
    tags,
    summary: 'One campaign',
    security: PROGRAM_SECURITY,
    request: { params: idParam },
    responses: { 200: json(resource(campaign), { data: campaignExample, version: 1 }) },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/campaigns/{id}',
    tags,
    summary:
      'Update a campaign (any field of the creation); a new slug must be free; an archived campaign refuses changes (422 operation_refused)',
    security: PROGRAM_SECURITY,
    request: {
      params: idParam,
      headers: IF_MATCH,
      body: json(patchCampaignBody, { title: 'Des arbres pour la métropole', goal: '12000.00' }),
    },
    responses: {
      200: json(resource(campaign), {
        data: { ...campaignExample, title: 'Des arbres pour la métropole', goal: '12000.00' },
        version: 2,
      }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/campaigns/{id}/archive',
    tags,
    summary:
      'Archive a campaign (emits campaign.disabled); it then refuses new donations with 422 operation_refused. Archiving again changes nothing.',
    security: PROGRAM_SECURITY,
    request: { params: idParam },
    responses: {
      200: json(resource(campaign), {
        data: {
          ...campaignExample,
          status: 'archived',
          archived_at: '2026-11-22T10:00:00.000Z',
          updated_at: '2026-11-22T10:00:00.000Z',
        },
        version: 2,
      }),
    },
  });
}
