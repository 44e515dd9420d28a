import { Router, type Request, type Response } from 'express';
import { validIban } from '../../../commands/hub/cashbacks/accounts.js';
import {
  differingFromExisting,
  requestProgramCashback,
  type ProgramCashback,
} from '../../../commands/hub/cashbacks/request.js';
import type { ErrorDetail } from '../../../domain/shared/errors.js';
import { comparePositions, type Position } from '../../../platform/eventstore/position.js';
import { DomainError } from '../../../domain/shared/errors.js';
import { HUB_CASHBACKS_PROJECTION } from '../../../projections/hub/cashbacks/projection.js';
import { customerCashbacks, pushedCashbacks } from '../../../projections/hub/cashbacks/queries.js';
import { cashbackDeps } from '../../../projections/hub/cashbacks/wiring.js';
import { findCustomer, findCustomerByExternalId } from '../../../projections/hub/customers/queries.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { sendList } from '../../conventions/envelope.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerAuth, customerOf, refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { cashbackCreated, presentCashback } from './present.js';
import {
  cashbackBody,
  cashbackListBody,
  customerCashbacksQuery,
  pushedCashbacksQuery,
  type CashbackBody,
} from './schemas.js';

const paging = (q: { page: number; per_page: number }) => ({ offset: (q.page - 1) * q.per_page, limit: q.per_page });

/** A body's account and customer, each refusal a detail on its field (`prefix` names the list's item). */
async function resolve(
  ctx: ApiContext,
  hubId: string,
  body: CashbackBody,
  prefix: string,
): Promise<{ input?: ProgramCashback; invalid: ErrorDetail[]; unknown: ErrorDetail[] }> {
  const invalid: ErrorDetail[] = [];
  let account: ProgramCashback['account'] = null;
  if (body.transferInfo.iban !== undefined) {
    try {
      account = { kind: 'iban', iban: validIban(body.transferInfo.iban, `${prefix}transferInfo.iban`) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      invalid.push(...error.details);
    }
  }
  // Decision 45: the highest-ranked key given decides alone.
  const customer =
    body.customerId !== undefined
      ? await findCustomer(ctx.knex, hubId, body.customerId)
      : await findCustomerByExternalId(ctx.knex, hubId, body.customerExternalId ?? '');
  const field = `${prefix}${body.customerId !== undefined ? 'customerId' : 'customerExternalId'}`;
  const unknown = customer ? [] : [{ field, message: 'no such customer in this hub', code: 'customerNotFound' }];
  if (!customer || invalid.length > 0) return { invalid, unknown };
  const { ownerInfo, transferInfo, externalId } = body;
  const { amount, currency, label } = transferInfo;
  return {
    input: { hubId, customerId: customer.id, externalId, ownerInfo, amount, currency, label, account },
    invalid,
    unknown,
  };
}

const conflict = (details: ErrorDetail[]) =>
  new HttpError(
    'conflict_uniqueness',
    'a cashback with this externalId exists with another body: send the same body, or another externalId',
    details,
  );

/** postCashback, postCashbackList, getPushedCashbacks (signed) and the customer's cashbacks. */
export function cashbackRoutes(ctx: ApiContext): Router {
  const router = Router();
  const signed = refuseCustomerTokens(ctx, ctx.auth.authenticate(['signed', ...PROGRAM_SCHEMES]));
  const customer = customerAuth(ctx);
  const settled = readYourWrites(ctx, [HUB_CASHBACKS_PROJECTION]);
  const deps = cashbackDeps(ctx.knex, ctx.store, ctx.clock, ctx.config);

  /** Every item resolved and checked against what exists before any is stored: a refusal stores nothing. */
  async function prepare(hubId: string, bodies: readonly CashbackBody[], listed: boolean) {
    const inputs: ProgramCashback[] = [];
    const invalid: ErrorDetail[] = [];
    const unknown: ErrorDetail[] = [];
    for (const [i, body] of bodies.entries()) {
      const resolved = await resolve(ctx, hubId, body, listed ? `cashbacks.${i}.` : '');
      invalid.push(...resolved.invalid);
      unknown.push(...resolved.unknown);
      if (resolved.input) inputs.push(resolved.input);
    }
    if (invalid.length > 0) throw new HttpError('invalid_request', 'the request has invalid fields', invalid);
    if (unknown.length > 0) throw new HttpError('not_found', 'no such customer in this hub', unknown);
    return inputs;
  }

  async function conflicts(inputs: readonly ProgramCashback[]): Promise<ErrorDetail[]> {
    const details: ErrorDetail[] = [];
    for (const [i, input] of inputs.entries()) {
      const differing = (await differingFromExisting(deps, input)) ?? [];
      const prefix = inputs.length > 1 ? `cashbacks.${i}.` : '';
      details.push(...differing.map((f) => ({ field: `${prefix}${f}`, message: 'differs from the first request' })));
    }
    return details;
  }

  async function store(req: Request, res: Response, inputs: readonly ProgramCashback[]) {
    const answers = [];
    let last: Position | undefined;
    for (const input of inputs) {
      const requested = await requestProgramCashback(deps, input, commandContext(req, res));
      if (requested.differing.length > 0)
        throw conflict(requested.differing.map((f) => ({ field: f, message: 'differs from the first request' })));
      if (requested.position && (!last || comparePositions(requested.position, last) > 0)) last = requested.position;
      answers.push(cashbackCreated(requested.cashbackId, input.externalId));
    }
    // Read-your-writes once, for the whole list.
    await settled(last);
    return answers;
  }

  router.post('/v1/hub/cashbacks', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const body = cashbackBody.parse(req.body);
    const inputs = await prepare(hub.id, [body], false);
    const [answer] = await store(req, res, inputs);
    res.status(201).json({ data: answer });
  });

  router.post('/v1/hub/cashbacks/list', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const { cashbacks } = cashbackListBody.parse(req.body);
    const inputs = await prepare(hub.id, cashbacks, true);
    const differing = await conflicts(inputs);
    if (differing.length > 0) throw conflict(differing);
    res.status(201).json({ data: await store(req, res, inputs) });
  });

  router.get('/v1/hub/cashbacks/pushed', signed, async (req, res) => {
    const hub = await hubOfProgram(ctx, programOf(res));
    const q = pushedCashbacksQuery.parse(req.query);
    const { startDate, endDate } = q;
    const { rows, total } = await pushedCashbacks(
      ctx.knex,
      hub.id,
      startDate.toISOString(),
      endDate.toISOString(),
      paging(q),
    );
    sendList(res, rows.map(presentCashback), { page: q.page, per_page: q.per_page, total });
  });

  router.get('/v1/hub/customer/cashbacks', customer, async (req, res) => {
    const { customerId } = customerOf(res);
    const q = customerCashbacksQuery.parse(req.query);
    const { rows, total } = await customerCashbacks(ctx.knex, customerId, paging(q));
    sendList(res, rows.map(presentCashback), { page: q.page, per_page: q.per_page, total });
  });

  return router;
}
