import type { Request, RequestHandler, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Config } from '../../platform/config.js';
import { constantTimeEqual, sha256Hex } from '../../platform/crypto.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import { findProgramByApiKey, findProgramBySecretDigest } from '../../projections/tenancy/programs.js';
import { HttpError } from '../errors.js';
import { ExpiringCache } from '../conventions/expiring-cache.js';
import { AuthFailures, DEFAULT_AUTH_FAILURES } from '../rate-limit.js';
import { CAN_BE, presented, type Presented } from './credentials.js';
import { knownRawBody } from './raw-body.js';
import { signedRequestChecker } from './signed-request.js';
import { verifyProgramToken } from './tokens.js';

/** The ways a caller proves who it is (docs/api.md, "Authentication"). */
export type AuthScheme = 'admin' | 'key_secret' | 'basic' | 'program_bearer' | 'signed' | 'api_key';

/** Every scheme that proves a program (`api_key` alone only identifies one). */
export const PROGRAM_SCHEMES: readonly AuthScheme[] = ['key_secret', 'basic', 'program_bearer', 'signed'];

export interface Principal {
  readonly kind: 'program' | 'admin';
  readonly programId?: string;
  readonly scheme: AuthScheme;
}

export interface AuthDeps {
  readonly knex: Knex;
  readonly jwtKeys: JwtKeys;
  readonly config: Pick<Config, 'ADMIN_TOKEN' | 'PUBLIC_BASE_URL'> &
    Partial<Pick<Config, 'NODE_ENV' | 'ALLOWED_HOSTS' | 'AUTH_FAILURE_LIMIT'>>;
  /**
   * Where accepted signatures and failed authentications are counted for every process; without it, each process counts
   * alone.
   */
  readonly redis?: Redis;
  readonly now?: () => number;
}

const CHALLENGES: Record<AuthScheme, string> = {
  admin: 'Bearer realm="goodstream-admin"',
  program_bearer: 'Bearer realm="goodstream"',
  basic: 'Basic realm="goodstream", charset="UTF-8"',
  key_secret: 'Api-Key realm="goodstream"',
  signed: 'Signature realm="goodstream", headers="Api-Key Expires-at Signature"',
  api_key: 'Api-Key realm="goodstream"',
};

const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

const tooManyFailures = (seconds: number): HttpError =>
  new HttpError(
    'too_many_requests',
    `too many failed authentications from this address; retry after ${seconds} s`,
    [],
    { 'Retry-After': String(seconds) },
  );

export interface Auth {
  /**
   * Per route: the schemes it accepts. Missing or wrong credentials answer 401
   * `unauthorized` with `WWW-Authenticate`; right ones of another scheme 403 `forbidden`.
   * Sets `res.locals.principal`, `programId` and `rateLimitKey`.
   */
  readonly authenticate: (allowed: readonly AuthScheme[]) => RequestHandler;
  /**
   * For the whole API, before the rate limit: sets the same locals when the request
   * carries valid credentials, and lets every request through (the route decides).
   */
  readonly identify: RequestHandler;
  /** The program an api key names (an api key is never reassigned, so the answer is kept). */
  readonly programIdByApiKey: (apiKey: string) => Promise<string | undefined>;
}

export function createAuth(deps: AuthDeps): Auth {
  const now = deps.now ?? Date.now;
  const checkSigned = signedRequestChecker({ ...deps, now });
  const failures = new AuthFailures({
    redis: deps.redis,
    limit: deps.config.AUTH_FAILURE_LIMIT ?? DEFAULT_AUTH_FAILURES.limit,
    now,
  });
  const program = (programId: string, scheme: AuthScheme): Principal => ({ kind: 'program', programId, scheme });
  const signedProgram = (programId: string | undefined) =>
    programId === undefined ? undefined : program(programId, 'signed');
  // Only what never changes for a credential; a signing key can be replaced, so signed requests always look it up.
  const bySecret = new ExpiringCache<{ id: string; apiKey: string }>();
  const byApiKey = new ExpiringCache<string>();
  const programIdByApiKey = (apiKey: string) =>
    byApiKey.get(apiKey, async () => (await findProgramByApiKey(deps.knex, apiKey))?.id);
  const programBySecret = (secret: string) => {
    const digest = sha256Hex(secret);
    return bySecret.get(digest, async () => {
      const found = await findProgramBySecretDigest(deps.knex, digest);
      return found && { id: found.id, apiKey: found.apiKey };
    });
  };

  /**
   * `readBody` false: a body no parser has read stays unread (for the route's own parser), and a signature over it is
   * not checked.
   */
  async function check(credential: Presented, req: Request, readBody = true): Promise<Principal | undefined> {
    switch (credential.kind) {
      case 'malformed':
        return undefined;
      case 'api_key': {
        const id = await programIdByApiKey(credential.apiKey);
        return id === undefined ? undefined : program(id, 'api_key');
      }
      case 'key_secret': {
        const found = await programBySecret(credential.secret);
        return found && constantTimeEqual(found.apiKey, credential.apiKey)
          ? program(found.id, 'key_secret')
          : undefined;
      }
      case 'basic': {
        const found = await programBySecret(credential.secret);
        return found && program(found.id, 'basic');
      }
      case 'bearer': {
        const adminToken = deps.config.ADMIN_TOKEN;
        if (adminToken && constantTimeEqual(sha256Hex(credential.token), sha256Hex(adminToken)))
          return { kind: 'admin', scheme: 'admin' };
        const programId = await verifyProgramToken(deps.jwtKeys, deps.config, credential.token).catch(() => undefined);
        return programId === undefined ? undefined : program(programId, 'program_bearer');
      }
      case 'signed':
        if (!readBody && !knownRawBody(req)) return undefined;
        return signedProgram(await checkSigned(credential, req));
    }
  }

  /** The error to answer for a failed authentication: itself, or 429 once the address is over its failure limit. */
  async function failed(req: Request, error: HttpError): Promise<HttpError> {
    const seconds = await failures.record(clientIp(req));
    return seconds === undefined ? error : tooManyFailures(seconds);
  }

  // Api-Key alone proves nothing, so it spends a budget of its own per address: one client cannot starve the program,
  // nor another client.
  const rateLimitKeyOf = (req: Request, principal: Principal): string =>
    principal.kind === 'admin'
      ? 'admin'
      : principal.scheme === 'api_key'
        ? `program:${principal.programId}:ip:${clientIp(req)}`
        : `program:${principal.programId}`;

  function settle(req: Request, res: Response, principal: Principal): void {
    res.locals.principal = principal;
    res.locals.programId = principal.programId;
    res.locals.rateLimitKey = rateLimitKeyOf(req, principal);
  }

  const identify: RequestHandler = async (req, res, next) => {
    const [first] = presented(req);
    const principal = first && (await check(first, req, false).catch(() => undefined));
    if (principal) settle(req, res, principal);
    next();
  };

  const authenticate = (allowed: readonly AuthScheme[]): RequestHandler => {
    const challenge = allowed
      .map((s) => CHALLENGES[s])
      .filter((c, i, all) => all.indexOf(c) === i)
      .join(', ');
    const unauthorized = (message: string): HttpError =>
      new HttpError('unauthorized', message, [], challenge ? { 'WWW-Authenticate': challenge } : {});
    return async (req, res, next) => {
      // Before any check, a right guess included: an address over its failure limit learns nothing more this window.
      const blockedFor = failures.blocked(clientIp(req));
      if (blockedFor !== undefined) throw tooManyFailures(blockedFor);
      const known = res.locals.principal as Principal | undefined;
      if (known && allowed.includes(known.scheme)) return next();
      const credentials = presented(req);
      if (credentials.length === 0) throw unauthorized('credentials are required');
      // The first credential this route accepts; else the first one, to tell 401 from 403.
      const credential = credentials.find((c) => CAN_BE[c.kind].some((s) => allowed.includes(s))) ?? credentials[0]!;
      const principal = await check(credential, req).catch(async (error: unknown) => {
        // A signed request refused for its expiry, Host or a replay is a failed authentication too.
        throw error instanceof HttpError && error.errorName === 'forbidden' ? await failed(req, error) : error;
      });
      if (!principal) throw await failed(req, unauthorized('the credentials are wrong or incomplete'));
      // Api-Key alone names a program without proving anything: the proof is missing, not misplaced.
      if (principal.scheme === 'api_key' && !allowed.includes('api_key'))
        throw await failed(req, unauthorized('Api-Key needs Api-Secret, a signature or a token beside it'));
      if (!allowed.includes(principal.scheme))
        throw new HttpError('forbidden', 'these credentials may not use this route');
      settle(req, res, principal);
      next();
    };
  };

  return { authenticate, identify, programIdByApiKey };
}

/** The authenticated program's id, for handlers behind a program scheme. */
export function programIdOf(locals: Record<string, unknown>): string {
  const id = locals.programId;
  if (typeof id !== 'string') throw new HttpError('forbidden', 'this route is for programs');
  return id;
}
