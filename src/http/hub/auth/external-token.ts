import { Router } from 'express';
import { z } from 'zod';
import { checkExternalToken } from '../../../platform/external-token.js';
import { loadPlatformKey, type PlatformKey } from '../../../platform/signing-key.js';
import { isUuid } from '../../../platform/uuid.js';
import { findCustomer, findCustomerByExternalId } from '../../../projections/hub/customers/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { hubOfProgram, programOf } from '../common.js';
import { presentCustomer } from '../customers/present.js';
import { issueCustomerToken, refuseCustomerTokens } from './tokens.js';

/** How long the program's end-point has to answer (seed 004: 5 s). */
export const VALIDATION_TIMEOUT_MS = 5000;

const token = z.string().trim().min(1).max(4096);
export const accessTokenHeaders = z
  .object({
    customerId: z.string().trim().max(100).optional(),
    customerExternalId: z.string().trim().min(1).max(100).optional(),
    'x-access-token': token,
  })
  .refine((h) => h.customerId !== undefined || h.customerExternalId !== undefined, {
    message: 'customerId or customerExternalId',
    path: ['customerId'],
  });
export const validateExternalTokenQuery = z.object({ externalToken: token });

const customerNotFound = () =>
  new HttpError('not_found', 'no such customer in this hub', [{ message: 'unknown', code: 'customerNotFound' }]);
/** Decision 25: an end-point that is not there is not a refusal, so a client can tell the two apart. */
const unavailable = (message: string) =>
  new HttpError('operation_refused', message, [{ message, code: 'externalTokenValidationUnavailable' }]);

/**
 * getAccessToken and validateExternalToken: the program's own token, checked by a signed call to its
 * external_token_validation_url, traded for a customer JWT.
 */
export function hubExternalTokenRoutes(ctx: ApiContext): Router {
  const router = Router();
  const signed = refuseCustomerTokens(ctx, ctx.auth.authenticate(['signed', ...PROGRAM_SCHEMES]));
  const key = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  let platformKey: Promise<PlatformKey> | undefined;
  const signingKey = () =>
    (platformKey ??= loadPlatformKey(ctx.knex, {
      pem: ctx.config.PLATFORM_PRIVATE_KEY,
      file: ctx.config.PLATFORM_PRIVATE_KEY_FILE,
    }));

  /** The end-point's JSON answer when it accepts the token: a refusal is 401, no end-point or no answer 422. */
  async function validated(programId: string, accessToken: string, customerExternalId?: string): Promise<unknown> {
    const program = await findProgram(ctx.knex, programId);
    const url = program?.settings.externalTokenValidationUrl;
    if (!program || !url) throw unavailable('the program has no external_token_validation_url');
    const check = { url, apiKey: program.apiKey, accessToken, customerExternalId };
    const options = { timeoutMs: VALIDATION_TIMEOUT_MS, allowPrivate: ctx.config.WEBHOOK_ALLOW_PRIVATE };
    const answer = await checkExternalToken(await signingKey(), check, options);
    if (answer.outcome === 'unreachable') {
      ctx.logger.warn({ programId, err: answer.reason }, 'token validation end-point did not answer');
      throw unavailable("the program's token validation end-point did not answer");
    }
    if (answer.outcome === 'refused')
      throw new HttpError('unauthorized', "the program's end-point refused the token", [
        { message: `it answered ${answer.status}`, code: 'invalidExternalToken' },
      ]);
    return answer.body;
  }

  router.get('/v1/hub/auth/token', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const headers = accessTokenHeaders.parse({
      customerId: req.get('customerId'),
      customerExternalId: req.get('customerExternalId'),
      'x-access-token': req.get('x-access-token'),
    });
    const customer =
      headers.customerId !== undefined
        ? isUuid(headers.customerId)
          ? await findCustomer(ctx.knex, hub.id, headers.customerId)
          : undefined
        : await findCustomerByExternalId(ctx.knex, hub.id, headers.customerExternalId!);
    if (!customer) throw customerNotFound();
    await validated(hub.programId, headers['x-access-token'], customer.customerExternalId ?? undefined);
    const ids = { customerId: customer.id, hubId: customer.hubId, programId: customer.programId };
    res.json({ data: await issueCustomerToken(ctx.jwtKeys, ctx.config, ids, 'customer') });
  });

  router.get('/v1/hub/auth/validate-external-token', key, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const { externalToken } = validateExternalTokenQuery.parse(req.query);
    const body = await validated(hub.programId, externalToken);
    const named = z.object({ customerExternalId: z.string().min(1).max(100) }).safeParse(body);
    if (!named.success)
      throw new HttpError('unauthorized', "the end-point's answer names no customerExternalId", [
        { message: 'no customerExternalId in the answer', code: 'invalidExternalToken' },
      ]);
    const customer = await findCustomerByExternalId(ctx.knex, hub.id, named.data.customerExternalId);
    if (!customer) throw customerNotFound();
    const { token: issued } = await issueCustomerToken(
      ctx.jwtKeys,
      ctx.config,
      { customerId: customer.id, hubId: customer.hubId, programId: customer.programId },
      'customer',
    );
    res.json({ data: { token: issued, customer: presentCustomer(customer) } });
  });

  return router;
}
