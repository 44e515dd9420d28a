import { Router, type Request, type Response } from 'express';
import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import {
  reauthoriseByConsent,
  reauthoriseWithCredentials,
  simulateInvalidCredentials,
} from '../../../commands/hub/connections/reauthorise.js';
import { unknownConnection } from '../../../domain/hub/connections/connection.js';
import { findBank } from '../../../projections/hub/banks/queries.js';
import { HUB_CONNECTIONS_PROJECTION } from '../../../projections/hub/connections/projection.js';
import {
  findConnection,
  findHubConnection,
  type ConnectionView,
} from '../../../projections/hub/connections/queries.js';
import type { Position } from '../../../platform/eventstore/types.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { HttpError } from '../../errors.js';
import { customerAuth, customerContext, customerOf, refuseCustomerTokens } from '../auth/tokens.js';
import { commandContext, hubOfProgram, programOf } from '../common.js';
import { consentAnswer } from './callback.js';
import { startConsent } from './consent.js';
import { presentConnection } from './present.js';
import {
  connectionIdParam,
  patchBankConnectionBody,
  reauthorisationCallbackBody,
  updateConnectionBody,
} from './schemas.js';

/** Re-authorising a connection (updateBankConnection and its callback) and the program's signed simulation. */
export function connectionUpdateRoutes(ctx: ApiContext, providers: readonly BankDataProvider[]): Router {
  const router = Router();
  const customer = customerAuth(ctx);
  const signed = refuseCustomerTokens(ctx, ctx.auth.authenticate(['signed', ...PROGRAM_SCHEMES]));
  const settled = readYourWrites(ctx, [HUB_CONNECTIONS_PROJECTION]);
  const idOf = (req: Request) => {
    const parsed = connectionIdParam.safeParse(req.params);
    if (!parsed.success) throw unknownConnection();
    return parsed.data.connectionId;
  };
  /** A bank connection: a linked card is not re-authorised (404 like an unknown one). */
  const bankOnly = (found: ConnectionView | undefined) => {
    if (found?.type !== 'bank' || found.bankId === null) throw unknownConnection();
    return { ...found, bankId: found.bankId };
  };
  /** The signed-in customer's live bank connection named by the path, or 404 invalidConnectionId. */
  const mine = async (req: Request, res: Response) => {
    const me = customerOf(res);
    return { me, found: bankOnly(await findConnection(ctx.knex, me.hubId, me.customerId, idOf(req))) };
  };
  /** The adapter serving the connection's bank: a connection keeps it even after its hub let the bank go. */
  const providerOf = async (connection: ConnectionView & { bankId: string }) => {
    const bank = await findBank(ctx.knex, connection.bankId);
    const provider = providers.find((p) => p.providerCode === bank?.providerCode);
    if (!provider) throw new HttpError('operation_refused', 'no adapter serves this connection’s bank now');
    return provider;
  };
  /** The connection once the read model shows `position`. */
  const after = async (position: Position | undefined, connection: ConnectionView) => {
    await settled(position);
    const found = await findHubConnection(ctx.knex, connection.hubId, connection.id);
    if (!found) throw unknownConnection();
    return presentConnection(found);
  };

  router.patch('/v1/hub/customer/bank-connections/:connectionId', customer, async (req, res) => {
    const body = updateConnectionBody.parse(req.body ?? {});
    const { me, found } = await mine(req, res);
    const provider = await providerOf(found);
    const deps = { store: ctx.store, clock: ctx.clock, provider };
    if (body.credentials !== undefined) {
      const result = await reauthoriseWithCredentials(deps, found.id, body.credentials, customerContext(res));
      res.json({ data: await after(result.position, found) });
      return;
    }
    const bank = await findBank(ctx.knex, found.bankId);
    const binding = { hubId: me.hubId, customerId: me.customerId, bankId: found.bankId, connectionId: found.id };
    const consent = await startConsent(
      ctx,
      req,
      { authModels: bank?.authModels ?? [] },
      provider,
      binding,
      body,
      customerContext(res),
    );
    res.json({ data: { ...presentConnection(found), ...consent } });
  });

  router.post('/v1/hub/customer/bank-connections/:connectionId/callback', customer, async (req, res) => {
    const body = reauthorisationCallbackBody.parse(req.body);
    const { me, found } = await mine(req, res);
    const answer = consentAnswer(body.queryString);
    const provider = await providerOf(found);
    const binding = { hubId: me.hubId, customerId: me.customerId, bankId: found.bankId, connectionId: found.id };
    const deps = { store: ctx.store, clock: ctx.clock, provider };
    const result = await reauthoriseByConsent(deps, binding, answer, customerContext(res));
    res.json({ data: await after(result.position, found) });
  });

  router.patch('/v1/hub/bank-connections/:connectionId', signed, async (req, res) => {
    const body = patchBankConnectionBody.parse(req.body ?? {});
    const hub = await hubOfProgram(ctx, programOf(res));
    const found = bankOnly(await findHubConnection(ctx.knex, hub.id, idOf(req)));
    const provider = await providerOf(found);
    // Ambiguity 23: false does nothing; the customer re-authorises to come back.
    if (!body.simulateInvalidCredentials) {
      res.json({ data: presentConnection(found) });
      return;
    }
    const deps = { store: ctx.store, clock: ctx.clock, provider };
    const result = await simulateInvalidCredentials(deps, found.id, commandContext(req, res));
    res.json({ data: await after(result.position, found) });
  });

  return router;
}
