import { Router, type Response } from 'express';
import { associateTransaction, dissociateTransaction } from '../../../commands/hub/transactions/association.js';
import { findStore } from '../../../projections/hub/stores/queries.js';
import {
  customerStores,
  customerTransactions,
  pushedTransactions,
  storeRecommendations,
  unaffectedTransactions,
} from '../../../projections/hub/transactions/lists.js';
import { HUB_TRANSACTIONS_PROJECTION } from '../../../projections/hub/transactions/projection.js';
import { transactionOfHub } from '../../../projections/hub/transactions/queries.js';
import type { ApiContext } from '../../context.js';
import { sendList } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerOf, hubCallers } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { presentStore } from '../stores/present.js';
import { transactionItem, unaffectedItem } from './present.js';
import {
  associationBody,
  customerStoresQuery,
  customerTransactionsQuery,
  pushedQuery,
  serviceKeyParam,
  storeKeyParam,
  storeRecommendationsBody,
  transactionParam,
  UNAFFECTED_DAYS,
  unaffectedQuery,
} from './schemas.js';

const DAY_MS = 86_400_000;
const notFound = (what: string, code: string) =>
  new HttpError('not_found', `no such ${what} in this hub`, [{ message: 'unknown', code }]);
const paging = (q: { page: number; per_page: number }) => ({ offset: (q.page - 1) * q.per_page, limit: q.per_page });

/** The customer's stores and transactions, and the program's pushed, unaffected and (dis)associated transactions. */
export function transactionRoutes(ctx: ApiContext): Router {
  const router = Router();
  const { customer, program } = hubCallers(ctx);
  const settled = readYourWrites(ctx, [HUB_TRANSACTIONS_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock };

  router.get('/v1/hub/customer/stores', customer, async (req, res) => {
    const { hubId, customerId } = customerOf(res);
    const { transaction } = customerStoresQuery.parse(req.query);
    const stores = await customerStores(ctx.knex, hubId, customerId, transaction === 'true');
    res.json({ data: stores.map((s) => presentStore(s, false)) });
  });

  /** A customer's transactions at stores or services, at one of them when `key` names it (our id or externalId). */
  const customerList = (type: 'store' | 'service') => async (res: Response, query: unknown, key?: string) => {
    const { hubId, customerId } = customerOf(res);
    const q = customerTransactionsQuery.parse(query);
    let storeId: string | undefined;
    if (key !== undefined) {
      const found = await findStore(ctx.knex, hubId, key);
      if (!found || found.type !== type) throw notFound(type, type === 'store' ? 'storeNotFound' : 'serviceNotFound');
      storeId = found.id;
    }
    const filter = { type, storeId, from: q.from, to: q.to };
    const { rows, total } = await customerTransactions(ctx.knex, customerId, filter, paging(q));
    sendList(res, rows.map(transactionItem), { page: q.page, per_page: q.per_page, total });
  };
  const atStores = customerList('store');
  const atServices = customerList('service');
  router.get('/v1/hub/customer/stores/transactions', customer, (req, res) => atStores(res, req.query));
  router.get('/v1/hub/customer/stores/:storeId/transactions', customer, (req, res) =>
    atStores(res, req.query, storeKeyParam.parse(req.params).storeId),
  );
  router.get('/v1/hub/customer/services/transactions', customer, (req, res) => atServices(res, req.query));
  router.get('/v1/hub/customer/services/:serviceId/transactions', customer, (req, res) =>
    atServices(res, req.query, serviceKeyParam.parse(req.params).serviceId),
  );

  router.get('/v1/hub/transactions/pushed', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = pushedQuery.parse(req.query);
    const { rows, total } = await pushedTransactions(ctx.knex, hub.id, q.startDate, q.endDate, paging(q));
    sendList(res, rows.map(transactionItem), { page: q.page, per_page: q.per_page, total });
  });

  router.get('/v1/hub/transactions/unaffected', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = unaffectedQuery.parse(req.query);
    const since = new Date(ctx.clock.now().getTime() - UNAFFECTED_DAYS * DAY_MS).toISOString().slice(0, 10);
    const { rows, total } = await unaffectedTransactions(ctx.knex, hub.id, since, paging(q));
    sendList(res, rows.map(unaffectedItem), { page: q.page, per_page: q.per_page, total });
  });

  /** The program's transaction (404 otherwise, with the seed's code). */
  const transactionOf = async (res: Response, params: unknown) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const parsed = transactionParam.safeParse(params);
    const found = parsed.success ? await transactionOfHub(ctx.knex, hub.id, parsed.data.transactionId) : undefined;
    if (!found) throw notFound('transaction', 'transactionNotFound');
    return { hub, found };
  };

  router.put('/v1/hub/transactions/:transactionId/association', program, async (req, res) => {
    const { hub, found } = await transactionOf(res, req.params);
    const { storeId } = associationBody.parse(req.body);
    const store = await findStore(ctx.knex, hub.id, storeId);
    if (!store || !store.active)
      throw new HttpError('invalid_request', 'no active store of this hub has this id', [
        { field: 'storeId', message: 'unknown', code: 'storeNotFound' },
      ]);
    const location = { id: store.id, externalId: store.externalId, type: store.type };
    const result = await associateTransaction(deps, found.id, location, commandContext(req, res));
    await settled(result.position);
    res.json({ data: transactionItem((await transactionOfHub(ctx.knex, hub.id, found.id)) ?? found) });
  });

  router.delete('/v1/hub/transactions/:transactionId/association', program, async (req, res) => {
    const { found } = await transactionOf(res, req.params);
    const result = await dissociateTransaction(deps, found.id, commandContext(req, res));
    await settled(result.position);
    res.status(204).end();
  });

  router.post('/v1/hub/recommendations/stores', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const { customerList } = storeRecommendationsBody.parse(req.body);
    const byCustomer = await storeRecommendations(ctx.knex, hub.id, customerList);
    res.json({ data: customerList.map((customerId) => ({ customerId, stores: byCustomer.get(customerId) ?? [] })) });
  });

  // What a real provider adapter receives (Budget Insight, Checkout, Mangopay, isahit): none runs here (the sandbox
  // adapters never call back), so every such callback is 404.
  router.post('/v1/hub/providers/:providerType/:providerShortcut/:event', () => {
    throw new HttpError('not_found', 'no provider adapter takes callbacks here');
  });

  return router;
}
