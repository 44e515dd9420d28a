import type { Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import type { Config } from '../../platform/config.js';
import { constantTimeEqual, sha256Hex } from '../../platform/crypto.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import { findProgramByApiKey, findProgramBySecretDigest } from '../../projections/tenancy/programs.js';
import { HttpError } from '../errors.js';
import { ExpiringCache } from '../conventions/expiring-cache.js';
import { knownRawBody, rawBodyOf } from './raw-body.js';
import { checkExpiresAt, fullUrl, signedMessage, verifySignature, type ExpiryProblem } from './signature.js';
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
  readonly config: Pick<Config, 'ADMIN_TOKEN' | 'PUBLIC_BASE_URL'>;
  readonly now?: () => number;
}

/** What the request carries, before anything is checked. */
type Presented =
  | { readonly kind: 'signed'; readonly apiKey: string; readonly expiresAt: string; readonly signature: string }
  | { readonly kind: 'basic'; readonly secret: string }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'key_secret'; readonly apiKey: string; readonly secret: string }
  | { readonly kind: 'api_key'; readonly apiKey: string }
  | { readonly kind: 'malformed' };

const CAN_BE: Record<Presented['kind'], readonly AuthScheme[]> = {
  signed: ['signed'],
  basic: ['basic'],
  bearer: ['admin', 'program_bearer'],
  key_secret: ['key_secret'],
  api_key: ['api_key'],
  malformed: [],
};

function parseAuthorization(header: string): Presented {
  const [kind, value = '', ...rest] = header.trim().split(/\s+/);
  if (rest.length > 0 || !value) return { kind: 'malformed' };
  if (kind?.toLowerCase() === 'bearer') return { kind: 'bearer', token: value };
  if (kind?.toLowerCase() !== 'basic') return { kind: 'malformed' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // base64(api_secret:) — the secret is the user name, the password is empty and ignored.
  const secret = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return secret ? { kind: 'basic', secret } : { kind: 'malformed' };
}

/** Every credential the request carries, strongest first. */
function presented(req: Request): Presented[] {
  const found: Presented[] = [];
  const apiKey = req.get('Api-Key');
  const signature = req.get('Signature');
  const expiresAt = req.get('Expires-at');
  const authorization = req.get('Authorization');
  const secret = req.get('Api-Secret');
  if (signature !== undefined || expiresAt !== undefined) {
    found.push(apiKey && signature && expiresAt ? { kind: 'signed', apiKey, expiresAt: expiresAt.trim(), signature: signature.trim() } : { kind: 'malformed' });
  }
  if (authorization !== undefined) found.push(parseAuthorization(authorization));
  if (secret !== undefined) found.push(apiKey && secret ? { kind: 'key_secret', apiKey, secret } : { kind: 'malformed' });
  if (apiKey) found.push({ kind: 'api_key', apiKey });
  return found;
}

const CHALLENGES: Record<AuthScheme, string> = {
  admin: 'Bearer realm="goodstream-admin"',
  program_bearer: 'Bearer realm="goodstream"',
  basic: 'Basic realm="goodstream", charset="UTF-8"',
  key_secret: 'Api-Key realm="goodstream"',
  signed: 'Signature realm="goodstream", headers="Api-Key Expires-at Signature"',
  api_key: 'Api-Key realm="goodstream"',
};

const EXPIRY_MESSAGES: Record<ExpiryProblem, string> = {
  malformed: 'Expires-at must be a UNIX timestamp in seconds',
  expired: 'the request has expired (Expires-at is in the past)',
  too_far_ahead: 'Expires-at may be at most one hour ahead',
};

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
  const program = (programId: string, scheme: AuthScheme): Principal => ({ kind: 'program', programId, scheme });
  // Only what never changes for a credential; a signing key can be replaced, so signed requests always look it up.
  const bySecret = new ExpiringCache<{ id: string; apiKey: string }>();
  const byApiKey = new ExpiringCache<string>();
  const programIdByApiKey = (apiKey: string) => byApiKey.get(apiKey, async () => (await findProgramByApiKey(deps.knex, apiKey))?.id);
  const programBySecret = (secret: string) => {
    const digest = sha256Hex(secret);
    return bySecret.get(digest, async () => {
      const found = await findProgramBySecretDigest(deps.knex, digest);
      return found && { id: found.id, apiKey: found.apiKey };
    });
  };

  /** `readBody` false: a body no parser has read stays unread (for the route's own parser), and a signature over it is not checked. */
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
        return found && constantTimeEqual(found.apiKey, credential.apiKey) ? program(found.id, 'key_secret') : undefined;
      }
      case 'basic': {
        const found = await programBySecret(credential.secret);
        return found && program(found.id, 'basic');
      }
      case 'bearer': {
        const adminToken = deps.config.ADMIN_TOKEN;
        if (adminToken && constantTimeEqual(sha256Hex(credential.token), sha256Hex(adminToken))) return { kind: 'admin', scheme: 'admin' };
        const programId = await verifyProgramToken(deps.jwtKeys, deps.config, credential.token).catch(() => undefined);
        return programId === undefined ? undefined : program(programId, 'program_bearer');
      }
      case 'signed':
        return readBody || knownRawBody(req) ? checkSigned(credential, req) : undefined;
    }
  }

  async function checkSigned(credential: Extract<Presented, { kind: 'signed' }>, req: Request): Promise<Principal | undefined> {
    const found = await findProgramByApiKey(deps.knex, credential.apiKey);
    if (!found?.signingKey) return undefined;
    const problem = checkExpiresAt(credential.expiresAt, now());
    if (problem) throw new HttpError('forbidden', EXPIRY_MESSAGES[problem], [{ field: 'Expires-at', message: EXPIRY_MESSAGES[problem] }]);
    const message = signedMessage(credential.expiresAt, req.method, fullUrl(req, deps.config.PUBLIC_BASE_URL), await rawBodyOf(req));
    return verifySignature(message, credential.signature, found.signingKey) ? program(found.id, 'signed') : undefined;
  }

  function settle(res: Response, principal: Principal): void {
    res.locals.principal = principal;
    res.locals.programId = principal.programId;
    res.locals.rateLimitKey = principal.kind === 'admin' ? 'admin' : `program:${principal.programId}`;
  }

  const identify: RequestHandler = async (req, res, next) => {
    const [first] = presented(req);
    const principal = first && (await check(first, req, false).catch(() => undefined));
    if (principal) settle(res, principal);
    next();
  };

  const authenticate = (allowed: readonly AuthScheme[]): RequestHandler => {
    const challenge = allowed.map((s) => CHALLENGES[s]).filter((c, i, all) => all.indexOf(c) === i).join(', ');
    const unauthorized = (message: string): HttpError => new HttpError('unauthorized', message, [], challenge ? { 'WWW-Authenticate': challenge } : {});
    return async (req, res, next) => {
      const known = res.locals.principal as Principal | undefined;
      if (known && allowed.includes(known.scheme)) return next();
      const credentials = presented(req);
      if (credentials.length === 0) throw unauthorized('credentials are required');
      // The first credential this route accepts; else the first one, to tell 401 from 403.
      const credential = credentials.find((c) => CAN_BE[c.kind].some((s) => allowed.includes(s))) ?? credentials[0]!;
      const principal = await check(credential, req);
      if (!principal) throw unauthorized('the credentials are wrong or incomplete');
      // Api-Key alone names a program without proving anything: the proof is missing, not misplaced.
      if (principal.scheme === 'api_key' && !allowed.includes('api_key')) throw unauthorized('Api-Key needs Api-Secret, a signature or a token beside it');
      if (!allowed.includes(principal.scheme)) throw new HttpError('forbidden', 'these credentials may not use this route');
      settle(res, principal);
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
