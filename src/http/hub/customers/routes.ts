import { Router } from 'express';
import { passwordMatches, sealedPassword } from '../../../commands/hub/customers/access.js';
import { loadCustomer } from '../../../commands/hub/customers/load.js';
import {
  changePassword,
  deleteCustomer,
  updateOptins,
  updateProfile,
} from '../../../commands/hub/customers/profile.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import { findCustomer } from '../../../projections/hub/customers/queries.js';
import { findHub } from '../../../projections/hub/hubs/queries.js';
import type { ApiContext } from '../../context.js';
import { sendResource } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerAuth, customerContext, customerOf } from '../auth/tokens.js';
import { presentCustomer } from './present.js';
import { changePasswordBody, customerOptinsQuery, patchCustomerBody, putCustomerOptinsBody } from './schemas.js';

/** What a signed-in customer does with its own profile (seed 004's customer_api). */
export function customerRoutes(ctx: ApiContext): Router {
  const router = Router();
  const customer = customerAuth(ctx);
  const settled = readYourWrites(ctx, [HUB_CUSTOMERS_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock, knex: ctx.knex };
  const current = async (hubId: string, id: string) => {
    const found = await findCustomer(ctx.knex, hubId, id);
    if (!found) throw new HttpError('unauthorized', 'this customer no longer exists');
    return found;
  };
  const hubOf = async (hubId: string) => {
    const hub = await findHub(ctx.knex, hubId);
    if (!hub) throw new HttpError('not_found', 'hub not found');
    return hub;
  };

  router.get('/v1/hub/customer', customer, async (_req, res) => {
    const me = customerOf(res);
    const found = await current(me.hubId, me.customerId);
    sendResource(res, presentCustomer(found), found.version);
  });

  router.patch('/v1/hub/customer', customer, async (req, res) => {
    const me = customerOf(res);
    const body = patchCustomerBody.parse(req.body ?? {});
    const password =
      body.password === undefined ? undefined : await sealedPassword(ctx.knex, me.customerId, body.password);
    const result = await updateProfile(
      deps,
      me.customerId,
      {
        profile: {
          countryCode: body.countryCode,
          gender: body.gender,
          familyStatus: body.familyStatus,
          preferredLanguage: body.preferredLanguage,
          outsideOptIn: body.outsideOptIn,
        },
        personal: {
          firstName: body.firstName,
          lastName: body.lastName,
          email: body.email,
          phoneNumber: body.phoneNumber,
          birthDate: body.birthDate,
          postalCode: body.postalCode,
        },
        password,
      },
      customerContext(res),
    );
    await settled(result.position);
    const found = await current(me.hubId, me.customerId);
    sendResource(res, presentCustomer(found), found.version);
  });

  router.delete('/v1/hub/customer', customer, async (_req, res) => {
    const me = customerOf(res);
    const result = await deleteCustomer(deps, me.customerId, 'customer', customerContext(res));
    await settled(result.position);
    res.status(204).end();
  });

  router.put('/v1/hub/customer/password', customer, async (req, res) => {
    const me = customerOf(res);
    const body = changePasswordBody.parse(req.body);
    const state = await loadCustomer(ctx.store, me.customerId);
    const sealed = state.status === 'registering' ? state.password : null;
    if (!(await passwordMatches(ctx.knex, me.customerId, sealed, body.currentPassword)))
      throw new HttpError('invalid_request', 'the current password is wrong', [
        { field: 'currentPassword', message: 'wrong' },
      ]);
    const result = await changePassword(
      deps,
      me.customerId,
      await sealedPassword(ctx.knex, me.customerId, body.password),
      customerContext(res),
    );
    await settled(result.position);
    res.status(204).end();
  });

  router.get('/v1/hub/customer/optins', customer, async (req, res) => {
    const me = customerOf(res);
    const { lng } = customerOptinsQuery.parse(req.query);
    const [hub, found] = await Promise.all([hubOf(me.hubId), current(me.hubId, me.customerId)]);
    const language = lng ?? found.preferredLanguage ?? hub.settings.mainLanguage;
    const data = Object.entries(hub.optins).flatMap(([registrationType, optins]) =>
      optins.map((o) => ({
        code: o.code,
        label: o.label[language] ?? o.label[hub.settings.mainLanguage] ?? Object.values(o.label)[0] ?? o.code,
        value: found.optins[registrationType]?.find((v) => v.code === o.code)?.value ?? false,
        registrationType,
      })),
    );
    res.json({ data });
  });

  router.put('/v1/hub/customer/optins', customer, async (req, res) => {
    const me = customerOf(res);
    const body = putCustomerOptinsBody.parse(req.body);
    const hub = await hubOf(me.hubId);
    const configured = hub.optins[body.registrationType] ?? [];
    const unknown = body.optins.filter((o) => !configured.some((c) => c.code === o.code));
    if (unknown.length > 0)
      throw new HttpError('invalid_request', 'unknown optin codes', [
        {
          field: 'optins',
          message: `not configured for ${body.registrationType}: ${unknown.map((o) => o.code).join(', ')}`,
        },
      ]);
    const required = configured.filter((c) => c.required).map((c) => c.code);
    const result = await updateOptins(deps, me.customerId, { ...body, required }, customerContext(res));
    await settled(result.position);
    res.status(204).end();
  });

  return router;
}
