import { Router, type Response } from 'express';
import { coversStore } from '../../../commands/hub/rewards/offer-index.js';
import { createOffer, deactivateOffer, updateOffer } from '../../../commands/hub/offers/offers.js';
import { HUB_OFFERS_PROJECTION } from '../../../projections/hub/offers/projection.js';
import { findOffer, listOffers } from '../../../projections/hub/offers/queries.js';
import { listStores } from '../../../projections/hub/stores/queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { idempotency } from '../../idempotency/index.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { customerOf, customerOr, refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { presentStore } from '../stores/present.js';
import { presentOffer } from './present.js';
import { createOfferBody, offerListQuery, offerParam, patchOfferBody, toChanges, toSettings } from './schemas.js';

const offerNotFound = () =>
  new HttpError('not_found', 'no such offer in this hub', [
    { field: 'offerId', message: 'unknown', code: 'offerNotFound' },
  ]);

/** The hub's offers (the seed's challenges): read by key or customer, written by the program (flow 3.1). */
export function offerRoutes(ctx: ApiContext): Router {
  const router = Router();
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  const anyCaller = customerOr(ctx, ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]));
  const once = idempotency({ knex: ctx.knex });
  const settled = readYourWrites(ctx, [HUB_OFFERS_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock };

  const readerHub = async (res: Response) =>
    res.locals.hubCustomer ? customerOf(res).hubId : (await hubOfProgram(ctx, programOf(res))).id;
  const offerOf = async (hubId: string, params: unknown) => {
    const parsed = offerParam.safeParse(params);
    const offer = parsed.success ? await findOffer(ctx.knex, hubId, parsed.data.offerId) : undefined;
    if (!offer) throw offerNotFound();
    return offer;
  };

  router.get('/v1/hub/offers', anyCaller, async (req, res) => {
    const hubId = await readerHub(res);
    const q = offerListQuery.parse(req.query);
    const current = q.current === undefined ? undefined : q.current === 'true';
    const filter = { current, now: ctx.clock.now().toISOString() };
    const { rows, total } = await listOffers(ctx.knex, hubId, filter, {
      offset: (q.page - 1) * q.per_page,
      limit: q.per_page,
    });
    sendList(res, rows.map(presentOffer), { page: q.page, per_page: q.per_page, total });
  });

  router.get('/v1/hub/offers/:offerId', anyCaller, async (req, res) => {
    const offer = await offerOf(await readerHub(res), req.params);
    sendResource(res, presentOffer(offer), offer.version);
  });

  router.post('/v1/hub/offers', program, once, async (req, res) => {
    const body = createOfferBody.parse(req.body);
    const hub = await hubOfProgram(ctx, programOf(res));
    const result = await createOffer(deps, hub.id, toSettings(body), commandContext(req, res));
    await settled(result.position);
    const offer = await offerOf(hub.id, { offerId: result.offerId });
    sendResource(res, presentOffer(offer), offer.version, 201);
  });

  router.patch('/v1/hub/offers/:offerId', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const current = await offerOf(hub.id, req.params);
    const body = patchOfferBody.parse(req.body ?? {});
    const changes = toChanges(body, current.settings);
    const change = { changes, storeChanges: body.storeChanges };
    const result = await updateOffer(deps, current.id, change, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    const offer = await offerOf(hub.id, { offerId: current.id });
    sendResource(res, presentOffer(offer), offer.version);
  });

  router.delete('/v1/hub/offers/:offerId', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const current = await offerOf(hub.id, req.params);
    const result = await deactivateOffer(deps, current.id, commandContext(req, res), expectedVersion(req));
    await settled(result.position);
    res.status(204).end();
  });

  router.get('/v1/hub/offers/:offerId/stores', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const offer = await offerOf(hub.id, req.params);
    const q = offerListQuery.parse(req.query);
    const { rows, total } = await listStores(
      ctx.knex,
      hub.id,
      { includeInactive: false },
      {
        offset: (q.page - 1) * q.per_page,
        limit: q.per_page,
      },
    );
    const stores = rows.map((s) => ({ ...presentStore(s, false), linked: coversStore(offer.settings, s) }));
    sendList(res, stores, { page: q.page, per_page: q.per_page, total });
  });

  return router;
}
