import { Router } from 'express';
import type { z } from 'zod';
import { createCampaign } from '../../../commands/giving/campaigns/create-campaign.js';
import { archiveCampaign, updateCampaign } from '../../../commands/giving/campaigns/update-campaign.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { GIVING_DONATIONS_PROJECTION } from '../../../projections/giving/donations/projection.js';
import { findCampaign, listCampaigns } from '../../../projections/giving/campaigns/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import type { ApiContext } from '../../context.js';
import { programGuards } from '../../shared/routes.js';
import { sendList } from '../../conventions/envelope.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { settledRows } from '../../shared/own-rows.js';
import { commandContext, personInput, programOf, publicBaseUrl } from '../common.js';
import { presentCampaign } from './present.js';
import { campaignListQuery, createCampaignBody, patchCampaignBody } from './schemas.js';
import { isUuid } from '../../../platform/uuid.js';

type ManagerBody = {
  id?: string | undefined;
  first_name: string;
  last_name: string;
  email: string;
  phone?: string | null | undefined;
  picture?: string | null | undefined;
};

const toManagerInput = (m: ManagerBody) => ({ id: m.id, ...personInput(m), picture: m.picture ?? null });

type CampaignBody = z.output<typeof patchCampaignBody>;

/** A campaign's fields from its body (POST, or what a PATCH sends) as the commands name them; managers aside. */
const campaignInput = <B extends CampaignBody>(
  body: B,
): {
  title: B['title'];
  description: B['description'];
  slug: B['slug'];
  goal: B['goal'];
  startAt: B['start_at'];
  endAt: B['end_at'];
  image: B['image'];
} => ({
  title: body.title,
  description: body.description,
  slug: body.slug,
  goal: body.goal,
  startAt: body.start_at,
  endAt: body.end_at,
  image: body.image,
});

export function campaignRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { program, once } = programGuards(ctx);
  const settled = readYourWrites(ctx, [GIVING_DONATIONS_PROJECTION]);
  const campaigns = settledRows(ctx, findCampaign, 'campaign', presentCampaign, settled);

  router.get('/v1/campaigns', program, async (req, res) => {
    const { page, per_page, status } = campaignListQuery.parse(req.query);
    const { rows, total } = await listCampaigns(
      ctx.knex,
      programOf(res),
      { status },
      { offset: (page - 1) * per_page, limit: per_page },
    );
    sendList(res, rows.map(presentCampaign), { page, per_page, total });
  });

  router.post('/v1/campaigns', program, once, async (req, res) => {
    const body = createCampaignBody.parse(req.body);
    const found = await findProgram(ctx.knex, programOf(res));
    if (!found) throw new HttpError('unauthorized', 'unknown program');
    const input = { ...campaignInput(body), managers: body.managers.map(toManagerInput) };
    const result = await createCampaign(ctx, input, commandContext(req, res), {
      currency: found.settings.currency,
      baseUrl: publicBaseUrl(ctx.config),
    });
    await campaigns.created(res, result);
  });

  router.get('/v1/campaigns/:id', program, campaigns.get);

  router.patch('/v1/campaigns/:id', program, async (req, res) => {
    const id = String(req.params.id);
    const body = patchCampaignBody.parse(req.body ?? {});
    if (!isUuid(id)) throw new HttpError('not_found', 'campaign not found');
    const input = { ...campaignInput(body), managers: body.managers?.map(toManagerInput) };
    const result = await updateCampaign(ctx, id, input, commandContext(req, res), {
      expectedVersion: expectedVersion(req),
      baseUrl: publicBaseUrl(ctx.config),
    });
    await campaigns.sendWritten(res, id, result);
  });

  router.post('/v1/campaigns/:id/archive', program, async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw new HttpError('not_found', 'campaign not found');
    const result = await archiveCampaign(ctx, id, commandContext(req, res));
    await campaigns.sendWritten(res, id, result);
  });

  return router;
}
