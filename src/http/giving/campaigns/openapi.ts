import { campaignResource } from '../../webhooks/payloads/giving.js';
import { resourceExample } from '../../openapi/examples.js';
import { json, listJson, registry, resource, z } from '../../openapi/registry.js';
import { documentResource } from '../../shared/openapi-resource.js';
import { currency, dateTime, money, PAGE_QUERY, uuid } from '../../openapi/wire.js';
import { createCampaignBody, patchCampaignBody } from './schemas.js';

const tags = ['Campaigns'];

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

  const campaigns = documentResource({ path: '/v1/campaigns', tags, id: '7d1c2b9e-4f3a-4c1e-8b2d-5a6f7e8d9c01' });
  campaigns.list(
    "The program's campaigns, newest first",
    z.object({ ...PAGE_QUERY.shape, status: z.enum(['active', 'archived']).optional() }),
    listJson(campaign, campaignExample),
  );
  campaigns.create(
    'Create a campaign; the slug is unique across the whole platform (409 conflict_uniqueness)',
    json(createCampaignBody, {
      title: 'Des arbres pour Bordeaux',
      description: '<p>Planter 500 arbres.</p>',
      slug: 'des-arbres-pour-bordeaux',
      goal: '10000.00',
      start_at: '2026-11-01T00:00:00Z',
      end_at: '2027-01-31T00:00:00Z',
      image: { url: 'https://cdn.goodstream.example/campaigns/des-arbres-pour-bordeaux.jpg' },
      managers: [{ first_name: 'Lucie', last_name: 'Martin', email: 'lucie.martin@example.org' }],
    }),
    {
      201: json(
        resource(campaign),
        { data: { ...campaignExample, raised: '0.00', number_of_donors: 0 }, version: 0 },
        'created',
      ),
    },
  );
  campaigns.get('One campaign', json(resource(campaign), { data: campaignExample, version: 1 }));
  campaigns.patch(
    'Update a campaign (any field of the creation); a new slug must be free; an archived campaign refuses changes (422 operation_refused)',
    json(patchCampaignBody, { title: 'Des arbres pour la métropole', goal: '12000.00' }),
    json(resource(campaign), {
      data: { ...campaignExample, title: 'Des arbres pour la métropole', goal: '12000.00' },
      version: 2,
    }),
  );
  campaigns.action(
    'post',
    '/archive',
    'Archive a campaign (emits campaign.disabled); it then refuses new donations with 422 operation_refused. Archiving again changes nothing.',
    {},
    {
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
  );
}
