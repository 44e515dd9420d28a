import { Router, type Request, type Response } from 'express';
import type { StoreListKind } from '../../../domain/hub/stores/events.js';
import { requestStoreList, supersedeStoreLists } from '../../../commands/hub/stores/store-lists.js';
import { findCustomer, findCustomerByExternalId } from '../../../projections/hub/customers/queries.js';
import { HUB_STORES_PROJECTION } from '../../../projections/hub/stores/projection.js';
import { findStore, findStoreList, listStores, otherStoreLists } from '../../../projections/hub/stores/queries.js';
import { isUuid } from '../../../platform/uuid.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { isProgram } from '../../auth/command-context.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerOf, customerOr, refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { presentStore, presentStoreList, toStoreListItem } from './present.js';
import { isStoreKey, storeCustomerHeaders, storeListV1Body, storeListV2Body, storeQuery } from './schemas.js';

const storeNotFound = () =>
  new HttpError('not_found', 'no such store in this hub', [{ message: 'unknown', code: 'storeNotFound' }]);

/** Store lists (seed 004's postStoresList, postStoresListV2) and the hub's stores. */
export function storeRoutes(ctx: ApiContext): Router {
  const router = Router();
  const signed = refuseCustomerTokens(ctx, ctx.auth.authenticate(['signed', ...PROGRAM_SCHEMES]));
  const anyCaller = customerOr(ctx, ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]));
  const settled = readYourWrites(ctx, [HUB_STORES_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock };

  /** The hub the caller reads: a customer's own, else the program's; seed headers naming a customer must be of it. */
  async function readerHub(req: Request, res: Response): Promise<string> {
    if (res.locals.hubCustomer) return customerOf(res).hubId;
    const hub = await hubOfProgram(ctx, programOf(res));
    const { customerId, externalId } = storeCustomerHeaders.parse({
      customerId: req.get('customerId'),
      externalId: req.get('externalId'),
    });
    const customerNotFound = new HttpError('not_found', 'no such customer in this hub', [
      { message: 'unknown', code: 'customerNotFound' },
    ]);
    if (customerId !== undefined && !(isUuid(customerId) && (await findCustomer(ctx.knex, hub.id, customerId))))
      throw customerNotFound;
    if (externalId !== undefined && !(await findCustomerByExternalId(ctx.knex, hub.id, externalId)))
      throw customerNotFound;
    return hub.id;
  }

  const post = (kind: StoreListKind) => async (req: Request, res: Response) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const body = (kind === 'v1' ? storeListV1Body : storeListV2Body).parse(req.body);
    const context = commandContext(req, res);
    const stores = body.stores.map(toStoreListItem);
    const result = await requestStoreList(deps, { hubId: hub.id, kind, stores }, context);
    // Once the read model holds this request, the older pending ones it lists are superseded (the seed's rule).
    await settled(result.position);
    const older = await otherStoreLists(ctx.knex, hub.id, result.requestId, 'older-pending');
    await supersedeStoreLists(deps, older, result.requestId, context);
    res.status(202).json({ data: { requestId: result.requestId } });
  };
  router.post('/v1/hub/store-lists', signed, post('v1'));
  router.post('/v1/hub/store-lists/v2', signed, post('v2'));

  router.get('/v1/hub/store-lists/:requestId', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const list = await findStoreList(ctx.knex, hub.id, String(req.params.requestId));
    if (!list) throw new HttpError('not_found', 'no such store-list request in this hub');
    res.json({ data: presentStoreList(list) });
  });

  router.get('/v1/hub/stores', anyCaller, async (req, res) => {
    const hubId = await readerHub(req, res);
    const q = storeQuery.parse(req.query);
    const includeInactive = isProgram(res);
    const { rows, total } = await listStores(
      ctx.knex,
      hubId,
      { search: q.search, country: q.country, city: q.city, includeInactive },
      { offset: (q.page - 1) * q.per_page, limit: q.per_page },
    );
    sendList(
      res,
      rows.map((s) => presentStore(s, includeInactive)),
      { page: q.page, per_page: q.per_page, total },
    );
  });

  router.get('/v1/hub/stores/:storeId', anyCaller, async (req, res) => {
    const hubId = await readerHub(req, res);
    const signedCaller = isProgram(res);
    const key = String(req.params.storeId);
    const found = isStoreKey(key) ? await findStore(ctx.knex, hubId, key) : undefined;
    if (!found || (!found.active && !signedCaller)) throw storeNotFound();
    sendResource(res, presentStore(found, signedCaller), found.version);
  });

  return router;
}
