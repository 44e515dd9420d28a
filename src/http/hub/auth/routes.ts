import { Router } from 'express';
import {
  checkTemporaryCode,
  liftCodeWait,
  login,
  newResetToken,
  newTemporaryCode,
  resetPassword,
} from '../../../commands/hub/customers/access.js';
import { customers } from '../../../commands/hub/customers/aggregate.js';
import { registerCustomer } from '../../../commands/hub/customers/register.js';
import { sandboxCaptcha, sandboxEmail, sandboxSms } from '../../../commands/hub/ports/messaging.js';
import type { Position } from '../../../platform/eventstore/types.js';
import { HUB_CUSTOMERS_PROJECTION } from '../../../projections/hub/customers/projection.js';
import {
  findCustomerByEmail,
  findCustomerByPhone,
  type CustomerView,
} from '../../../projections/hub/customers/queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import {
  loginBody,
  passwordEmailHeaders,
  phoneHeaders,
  resetPasswordBody,
  temporaryCodeBody,
} from '../customers/schemas.js';
import { registration } from './registration.js';
import { issueCustomerToken } from './tokens.js';

/** Registration and sign-in (seed 004's auth_api): the customer's way in, with the program's Api-Key. */
export function hubAuthRoutes(ctx: ApiContext): Router {
  const router = Router();
  const key = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const once = idempotency({ knex: ctx.knex });
  const settled = readYourWrites(ctx, [HUB_CUSTOMERS_PROJECTION]);
  const deps = { store: ctx.store, clock: ctx.clock, knex: ctx.knex };
  const sms = sandboxSms(ctx.knex);
  const mail = sandboxEmail(ctx.knex);
  const tokenFor = (c: Pick<CustomerView, 'id' | 'hubId' | 'programId'>, scope: 'customer' | 'registration') =>
    issueCustomerToken(ctx.jwtKeys, ctx.config, { customerId: c.id, hubId: c.hubId, programId: c.programId }, scope);
  const unknownPhone = () =>
    new HttpError('not_found', 'no customer of this hub has this phone', [
      { field: 'phoneNumber', message: 'unknown', code: 'unknownPhone' },
    ]);

  router.post('/v1/hub/auth/register', key, once, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const input = await registration(ctx, hub, req.body, sandboxCaptcha);
    const { customerId, position } = await registerCustomer(deps, input, commandContext(req, res));
    await settled(position as Position | undefined);
    const { token } = await tokenFor({ id: customerId, hubId: hub.id, programId: hub.programId }, 'registration');
    res.status(201).json({ data: { customerId, token } });
  });

  router.get('/v1/hub/auth/temporary-code', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const { phoneNumber, countryCode } = phoneHeaders.parse(req.headers);
    const customer = await findCustomerByPhone(ctx.knex, hub.id, countryCode, phoneNumber);
    if (!customer) throw unknownPhone();
    const code = await newTemporaryCode(deps, customer.id, ctx.config.SMS_SANDBOX_CODE);
    if (code === undefined)
      throw new HttpError('too_many_requests', 'a code was sent less than 60 s ago', [], { 'Retry-After': '60' });
    const recipient = `+${countryCode}${phoneNumber}`;
    const body = `${code} is your ${hub.settings.programName ?? hub.settings.name} code, valid 10 minutes.`;
    const { delivered } = await sms.send(
      { hubId: hub.id, customerId: customer.id, recipient, body, sender: hub.settings.smsSenderName },
      ctx.clock.now(),
    );
    if (!delivered) await liftCodeWait(ctx.knex, customer.id);
    const now = ctx.clock.now().toISOString();
    await customers.handle(
      customer.id,
      { type: 'RecordTemporaryCode', data: { verified: false, now } },
      { store: ctx.store, context: commandContext(req, res) },
    );
    res.status(204).end();
  });

  router.post('/v1/hub/auth/temporary-code', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const body = temporaryCodeBody.parse(req.body);
    const customer = await findCustomerByPhone(ctx.knex, hub.id, body.countryCode, body.phoneNumber);
    if (!customer || !(await checkTemporaryCode(deps, customer.id, body.temporaryCode)))
      throw new HttpError('unauthorized', 'the code is wrong or expired', [
        { field: 'temporaryCode', message: 'wrong or expired', code: 'invalidTemporaryCode' },
      ]);
    const now = ctx.clock.now().toISOString();
    await customers.handle(
      customer.id,
      { type: 'RecordTemporaryCode', data: { verified: true, now } },
      { store: ctx.store, context: commandContext(req, res) },
    );
    const { token } = await tokenFor(customer, 'customer');
    res.json({ data: { customerId: customer.id, token } });
  });

  router.post('/v1/hub/auth/login', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const body = loginBody.parse(req.body);
    const customer =
      body.email !== undefined
        ? await findCustomerByEmail(ctx.knex, hub.id, body.email)
        : await findCustomerByPhone(ctx.knex, hub.id, body.countryCode!, body.phoneNumber!);
    const wrong = () =>
      new HttpError('unauthorized', 'wrong credentials', [
        { message: 'wrong credentials', code: 'invalidCredentials' },
      ]);
    if (!customer) throw wrong();
    const outcome = await login(deps, customer.id, body.password, commandContext(req, res));
    if (outcome === 'locked')
      throw new HttpError('forbidden', 'the password is locked after five wrong tries; reset it or ask the program', [
        { field: 'password', message: 'locked', code: 'passwordLocked' },
      ]);
    if (outcome === 'wrong') throw wrong();
    const { token } = await tokenFor(customer, 'customer');
    res.json({ data: { customerId: customer.id, token } });
  });

  router.get('/v1/hub/auth/password-email', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const { email } = passwordEmailHeaders.parse(req.headers);
    const customer = await findCustomerByEmail(ctx.knex, hub.id, email);
    if (!customer)
      throw new HttpError('not_found', 'no customer of this hub has this email', [
        { field: 'email', message: 'unknown', code: 'emailNotFound' },
      ]);
    const token = await newResetToken(deps, customer.id);
    const base = hub.settings.host
      ? `https://${hub.settings.host}`
      : (ctx.config.PUBLIC_BASE_URL ?? 'https://hub.goodstream.example');
    const link = `${base.replace(/\/+$/, '')}/password?token=${token}`;
    await mail.send(
      {
        hubId: hub.id,
        customerId: customer.id,
        recipient: email,
        subject: `${hub.settings.name}: choose your password`,
        body: `Choose your password within an hour: ${link}`,
      },
      ctx.clock.now(),
    );
    await customers.handle(
      customer.id,
      { type: 'RecordPasswordEmail', data: { now: ctx.clock.now().toISOString() } },
      { store: ctx.store, context: commandContext(req, res) },
    );
    res.status(204).end();
  });

  router.post('/v1/hub/auth/password', key, async (req, res) => {
    await hubOfProgram(ctx, programOf(res));
    const body = resetPasswordBody.parse(req.body);
    const done = await resetPassword(deps, body.token, body.password, commandContext(req, res));
    if (!done)
      throw new HttpError('invalid_request', 'the link is unknown, used or expired', [
        { field: 'token', message: 'unknown, used or expired', code: 'invalidToken' },
      ]);
    await settled(done.result.position);
    res.status(204).end();
  });

  return router;
}
