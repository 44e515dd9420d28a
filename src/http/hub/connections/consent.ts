import { Router, type Request } from 'express';
import type { BankDataProvider } from '../../../commands/hub/banks/bank-data-provider.js';
import { issueConnectState, type StateBinding } from '../../../commands/hub/connections/connections.js';
import type { CommandContext } from '../../../commands/shared/command.js';
import type { AuthModel } from '../../../domain/hub/banks/events.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import type { ApiContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { verifyDecoupledBody } from './schemas.js';

/** What the front asked for: a redirect consent back to `redirectUri`, or a decoupled one for `psuId`. */
export type ConsentRequest = Partial<Record<'redirectUri' | 'psuId', string | undefined>> & {
  readonly chosenAuthModel?: AuthModel | undefined;
};

/**
 * A new consent for the binding (a new connection, or re-authorising one): a state bound to it, and where the
 * customer consents (connectUrl) or what the front polls (decoupledDetails, when the bank and provider offer it).
 */
export async function startConsent(
  ctx: ApiContext,
  req: Request,
  bank: { readonly authModels: readonly AuthModel[] },
  provider: BankDataProvider,
  binding: StateBinding,
  asked: ConsentRequest,
  context: CommandContext,
): Promise<{ state: string; connectUrl?: string; decoupledDetails?: string }> {
  if (asked.chosenAuthModel === 'decoupled') {
    if (!bank.authModels.includes('decoupled') || provider.decoupledDetails === undefined)
      throw new HttpError('operation_refused', 'this bank offers no decoupled consent', [
        { field: 'chosenAuthModel', message: 'use redirect', code: 'decoupledUnavailable' },
      ]);
    if (asked.psuId === undefined)
      throw new HttpError('invalid_request', 'a decoupled consent names the customer at the bank', [
        { field: 'psuId', message: 'required with chosenAuthModel decoupled' },
      ]);
    const state = await issueConnectState(ctx, binding, context);
    const now = ctx.clock.now();
    const redirectUri = asked.redirectUri ?? null;
    return {
      state,
      decoupledDetails: await provider.decoupledDetails({ state, psuId: asked.psuId, redirectUri, now }),
    };
  }
  if (asked.redirectUri === undefined)
    throw new HttpError('invalid_request', 'a redirect consent needs a redirectUri', [
      { field: 'redirectURI', message: 'required' },
    ]);
  const state = await issueConnectState(ctx, binding, context);
  const baseUrl = ctx.config.PUBLIC_BASE_URL ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return { state, connectUrl: provider.connectUrl({ baseUrl, state, redirectUri: asked.redirectUri }) };
}

/** verifyDecoupledConnection: the front polls until the customer approved in the bank's app (flow 1.3). */
export function decoupledRoutes(ctx: ApiContext, providers: readonly BankDataProvider[]): Router {
  const router = Router();
  const key = ctx.auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  router.post('/v1/hub/auth/decoupled-connection/verify', key, async (req, res) => {
    const { decoupledDetails } = verifyDecoupledBody.parse(req.body);
    const now = ctx.clock.now();
    // The details name no provider: the one whose signature they carry answers.
    for (const provider of providers) {
      const answer = await provider.verifyDecoupled?.({ decoupledDetails, now });
      if (answer?.ok) {
        res.json({ data: { status: answer.status, callbackUri: answer.callbackUri } });
        return;
      }
    }
    throw new HttpError('operation_refused', 'no provider issued these decoupled details', [
      { field: 'decoupledDetails', message: 'unknown or altered', code: 'invalidDecoupledDetails' },
    ]);
  });
  return router;
}
