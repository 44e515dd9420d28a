import { Router } from 'express';
import { unlockPassword } from '../../../commands/hub/customers/access.js';
import { deleteCustomer, trackCustomer } from '../../../commands/hub/customers/profile.js';
import { listOutbox } from '../../../commands/hub/ports/messaging.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import {
  findCustomer,
  findCustomerByExternalId,
  findCustomerByPhone,
  findCustomerByReferralCode,
  listCustomers,
} from '../../../projections/hub/customers/queries.js';
import { isUuid } from '../../../platform/uuid.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList, sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { presentCustomer } from './present.js';
import { customerListQuery, outboxQuery, referralCheckBody, trackQuery } from './schemas.js';

const notFound = () =>
  new HttpError('not_found', 'no such customer in this hub', [{ message: 'unknown', code: 'customerNotFound' }]);

/** The program's side of its customers, and the operators' sandbox outbox. */
export function customerProgramRoutes(ctx: ApiContext): Router {
  const router = Router();
  const key = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  const signed = refuseCustomerTokens(ctx, ctx.auth.authenticate(['signed', ...PROGRAM_SCHEMES]));
  const admin = ctx.auth.authenticate(['admin']);
  const settled = readYourWrites(ctx, [HUB_CUSTOMERS_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock, knex: ctx.knex };
  const customerIn = async (hubId: string, id: string) => {
    const found = isUuid(id) ? await findCustomer(ctx.knex, hubId, id) : undefined;
    if (!found) throw notFound();
    return found;
  };

  router.get('/v1/hub/customers/exists/:externalId', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const externalId = String(req.params.externalId);
    // An id PostgreSQL cannot hold (a NUL byte) or longer than any stored one names nobody.
    const storable = externalId.length <= 100 && !externalId.includes('\u0000');
    const found = storable ? await findCustomerByExternalId(ctx.knex, hub.id, externalId) : undefined;
    if (!found) throw notFound();
    res.json({ data: { customerId: found.id, status: found.status === 'subscribed' ? 'subscribed' : 'registering' } });
  });

  router.post('/v1/hub/referrals/check', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const body = referralCheckBody.parse(req.body);
    const found =
      body.referralCode !== undefined
        ? await findCustomerByReferralCode(ctx.knex, hub.id, body.referralCode.toUpperCase())
        : await findCustomerByPhone(ctx.knex, hub.id, body.countryCode!, body.phoneNumber!);
    if (!found) throw notFound();
    res.json({ data: { customerId: found.id, referralCode: found.referralCode } });
  });

  router.post('/v1/hub/customers/:customerId/track', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = trackQuery.parse(req.query);
    const found = await customerIn(hub.id, String(req.params.customerId));
    await trackCustomer(deps, found.id, { eventName: q.eventName, value: q.value ?? null }, commandContext(req, res));
    res.status(204).end();
  });

  router.get('/v1/hub/customers', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = customerListQuery.parse(req.query);
    const { rows, total } = await listCustomers(ctx.knex, hub.id, q, {
      offset: (q.page - 1) * q.per_page,
      limit: q.per_page,
    });
    sendList(res, rows.map(presentCustomer), { page: q.page, per_page: q.per_page, total });
  });

  router.get('/v1/hub/customers/:customerId', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const found = await customerIn(hub.id, String(req.params.customerId));
    sendResource(res, presentCustomer(found), found.version);
  });

  router.post('/v1/hub/customers/:customerId/password/unlock', program, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const found = await customerIn(hub.id, String(req.params.customerId));
    const result = await unlockPassword(deps, found.id, commandContext(req, res));
    await settled(result.position);
    res.status(204).end();
  });

  router.delete('/v1/hub/customers/:customerId', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const found = await customerIn(hub.id, String(req.params.customerId));
    const result = await deleteCustomer(deps, found.id, 'program', commandContext(req, res));
    await settled(result.position);
    res.status(204).end();
  });

  router.get('/v1/admin/hub/outbox', admin, async (req, res) => {
    const { to, page, per_page } = outboxQuery.parse(req.query);
    const { rows, total } = await listOutbox(ctx.knex, { to }, { offset: (page - 1) * per_page, limit: per_page });
    sendList(res, rows, { page, per_page, total });
  });

  return router;
}
