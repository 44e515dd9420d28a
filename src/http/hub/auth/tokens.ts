import type { RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { CommandContext } from '../../../commands/shared/command.js';
import type { JwtKeys } from '../../../platform/jwt-keys.js';
import { isUuid } from '../../../platform/uuid.js';
import { findLiveCustomerHub, type HubView } from '../../../projections/hub/hubs/queries.js';
import { PROGRAM_SCHEMES, type Auth } from '../../auth/authenticate.js';
import { tokenIssuer, type TokenConfig } from '../../auth/tokens.js';
import { HttpError } from '../../errors.js';

/** The audience of the JWTs a hub's customers hold. */
export const HUB_CUSTOMER_AUDIENCE = 'goodstream:hub-customer';
export type CustomerScope = 'customer' | 'registration';
export const TOKEN_TTL_SECONDS: Record<CustomerScope, number> = { customer: 3600, registration: 7200 };

export interface HubCustomer {
  readonly customerId: string;
  readonly hubId: string;
  readonly programId: string;
  readonly scope: CustomerScope;
}

export async function issueCustomerToken(
  keys: JwtKeys,
  config: TokenConfig,
  customer: Omit<HubCustomer, 'scope'>,
  scope: CustomerScope,
): Promise<{ token: string; expiresIn: number }> {
  const token = await keys.sign({
    subject: customer.customerId,
    audience: HUB_CUSTOMER_AUDIENCE,
    issuer: tokenIssuer(config),
    ttlSeconds: TOKEN_TTL_SECONDS[scope],
    claims: { scope, hub: customer.hubId, program: customer.programId },
  });
  return { token, expiresIn: TOKEN_TTL_SECONDS[scope] };
}

const bearerOf = (header: string | undefined): string | undefined => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];

async function verified(keys: JwtKeys, config: TokenConfig, token: string): Promise<HubCustomer | undefined> {
  try {
    const payload = await keys.verify(token, { audience: HUB_CUSTOMER_AUDIENCE, issuer: tokenIssuer(config) });
    const { scope, hub, program } = payload as { scope?: unknown; hub?: unknown; program?: unknown };
    if (scope !== 'customer' && scope !== 'registration') return undefined;
    if (typeof hub !== 'string' || typeof program !== 'string' || !isUuid(payload.sub)) return undefined;
    return { customerId: payload.sub, hubId: hub, programId: program, scope };
  } catch {
    return undefined;
  }
}

export interface CustomerAuthDeps {
  readonly knex: Knex;
  readonly jwtKeys: JwtKeys;
  readonly config: TokenConfig;
  readonly auth: { programIdByApiKey(apiKey: string): Promise<string | undefined> };
}

/**
 * Routes a customer calls with its Bearer JWT: a token of another scope is 403, a forged or expired one 401, a deleted
 * customer's 401 (its tokens die with it); an Api-Key sent beside it must name the same program (403).
 */
export function customerAuth(deps: CustomerAuthDeps, scopes: readonly CustomerScope[] = ['customer']): RequestHandler {
  const challenge = { 'WWW-Authenticate': 'Bearer realm="goodstream-hub"' };
  return async (req, res, next) => {
    const token = bearerOf(req.get('Authorization'));
    if (!token) throw new HttpError('unauthorized', 'a customer token is required', [], challenge);
    const customer = await verified(deps.jwtKeys, deps.config, token);
    if (!customer) throw new HttpError('unauthorized', 'the customer token is wrong or expired', [], challenge);
    if (!scopes.includes(customer.scope))
      throw new HttpError('forbidden', `a ${customer.scope} token may not use this route`);
    const apiKey = req.get('Api-Key');
    if (apiKey !== undefined && (await deps.auth.programIdByApiKey(apiKey)) !== customer.programId)
      throw new HttpError('forbidden', 'the Api-Key names another program than the token');
    const live = await findLiveCustomerHub(deps.knex, customer.customerId, customer.programId);
    if (!live) throw new HttpError('unauthorized', 'this customer no longer exists', [], challenge);
    res.locals.hubCustomer = customer;
    res.locals.customerHub = live.hub;
    res.locals.programId = customer.programId;
    next();
  };
}

/** Routes a customer or a program may call: a customer JWT goes through customerAuth, anything else through `other`. */
export function customerOr(deps: CustomerAuthDeps, other: RequestHandler): RequestHandler {
  const customer = customerAuth(deps);
  return async (req, res, next) => {
    const token = bearerOf(req.get('Authorization'));
    const isCustomer = token !== undefined && (await verified(deps.jwtKeys, deps.config, token)) !== undefined;
    await (isCustomer ? customer : other)(req, res, next);
  };
}

/** On program routes: a customer's JWT is a known credential in the wrong place, 403 (not 401); else `then` decides. */
export function refuseCustomerTokens(
  deps: Pick<CustomerAuthDeps, 'jwtKeys' | 'config'>,
  then: RequestHandler,
): RequestHandler {
  return async (req, res, next) => {
    const token = bearerOf(req.get('Authorization'));
    if (token && (await verified(deps.jwtKeys, deps.config, token)))
      throw new HttpError('forbidden', 'a customer token may not use a program route');
    await then(req, res, next);
  };
}

/**
 * The guards of a router both a hub's customers and its program call: the customer's JWT, the program's credentials
 * (a customer's JWT refused), and either one.
 */
export function hubCallers(ctx: CustomerAuthDeps & { readonly auth: Pick<Auth, 'authenticate'> }) {
  const program = refuseCustomerTokens(ctx, ctx.auth.authenticate(PROGRAM_SCHEMES));
  return { customer: customerAuth(ctx), program, customerOrProgram: customerOr(ctx, program) };
}

/** The hub of the customer's program, read with the customer by customerAuth; 404 when it runs none (any more). */
export function customerHubOf(res: Response): HubView {
  const hub = res.locals.customerHub as HubView | undefined;
  if (!hub) throw new HttpError('not_found', 'this program runs no hub yet (POST /v1/hub)');
  return hub;
}

export function customerOf(res: Response): HubCustomer {
  const customer = res.locals.hubCustomer as HubCustomer | undefined;
  if (!customer) throw new HttpError('unauthorized', 'a customer token is required');
  return customer;
}

/** Who acts on a customer route: the customer, for its own program. */
export const customerContext = (res: Response): CommandContext => {
  const customer = customerOf(res);
  return {
    tenantId: customer.programId,
    actor: `customer:${customer.customerId}`,
    correlationId: String(res.locals.requestId ?? ''),
  };
};
