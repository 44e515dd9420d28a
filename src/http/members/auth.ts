import type { RequestHandler, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Knex } from 'knex';
import type { Config } from '../../platform/config.js';
import { constantTimeEqual, sha256Hex } from '../../platform/crypto.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import { isUuid } from '../../platform/uuid.js';
import { findActiveSession, findSessionByTokenDigest, type MemberSession } from '../../projections/members/sessions.js';
import type { Auth, AuthScheme } from '../auth/authenticate.js';
import { tokenIssuer } from '../auth/tokens.js';
import { HttpError } from '../errors.js';

export const MEMBER_AUDIENCE = 'goodstream:member';
export const MEMBER_TOKEN_TTL_SECONDS = 3600;

export interface MemberPrincipal extends MemberSession {
  readonly scheme: 'member_token' | 'member_bearer';
}

export interface MemberAuthDeps {
  readonly knex: Knex;
  readonly jwtKeys: JwtKeys;
  readonly config: Pick<Config, 'PUBLIC_BASE_URL'>;
  /** Where an api key is resolved to its program, and kept. */
  readonly auth: Pick<Auth, 'programIdByApiKey'>;
}

const CHALLENGE = 'X-User-Token realm="goodstream-member", Bearer realm="goodstream-member"';
const unauthorized = (message: string): HttpError =>
  new HttpError('unauthorized', message, [], { 'WWW-Authenticate': CHALLENGE });

export function issueMemberToken(
  keys: JwtKeys,
  config: Pick<Config, 'PUBLIC_BASE_URL'>,
  session: Pick<MemberSession, 'memberId' | 'sessionId' | 'programId'>,
): Promise<string> {
  return keys.sign({
    subject: session.memberId,
    audience: MEMBER_AUDIENCE,
    issuer: tokenIssuer(config),
    ttlSeconds: MEMBER_TOKEN_TTL_SECONDS,
    claims: { sid: session.sessionId, program: session.programId },
  });
}

function isMemberJwt(token: string): boolean {
  try {
    const aud = decodeJwt(token).aud;
    return aud === MEMBER_AUDIENCE || (Array.isArray(aud) && aud.includes(MEMBER_AUDIENCE));
  } catch {
    return false;
  }
}

export function memberOf(res: Response): MemberPrincipal | undefined {
  return res.locals.member as MemberPrincipal | undefined;
}

/**
 * Recognises a member's credentials: `Api-Key` + `X-User-Email` + `X-User-Token`
 * from sign-in, or a bearer JWT with a member subject. Both stop working at
 * sign-out, because both name a session that must still be active.
 */
export function createMemberAuth(deps: MemberAuthDeps) {
  async function byToken(
    apiKey: string | undefined,
    email: string | undefined,
    token: string,
  ): Promise<MemberPrincipal> {
    if (!apiKey || !email) throw unauthorized('X-User-Token needs Api-Key and X-User-Email');
    const [programId, session] = await Promise.all([
      deps.auth.programIdByApiKey(apiKey),
      findSessionByTokenDigest(deps.knex, sha256Hex(token)),
    ]);
    const valid =
      programId &&
      session &&
      session.programId === programId &&
      constantTimeEqual(session.email, email.trim().toLowerCase());
    if (!valid) throw unauthorized('the member credentials are wrong or signed out');
    return { ...session, scheme: 'member_token' };
  }

  async function byBearer(token: string): Promise<MemberPrincipal> {
    const payload = await deps.jwtKeys
      .verify(token, { audience: MEMBER_AUDIENCE, issuer: tokenIssuer(deps.config) })
      .catch(() => undefined);
    // Ids PostgreSQL would refuse to compare with a uuid column are no session's.
    const sessionId =
      payload && typeof payload.sid === 'string' && isUuid(payload.sid) && isUuid(payload.sub)
        ? payload.sid
        : undefined;
    const session = sessionId === undefined ? undefined : await findActiveSession(deps.knex, sessionId);
    if (!session || session.memberId !== payload?.sub)
      throw unauthorized('the member token is wrong, expired or signed out');
    return { ...session, scheme: 'member_bearer' };
  }

  /** Sets `res.locals.member` when the request carries member credentials; wrong ones are 401. */
  const identifyMember: RequestHandler = async (req, res, next) => {
    const token = req.get('X-User-Token');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('Authorization') ?? '')?.[1];
    let member: MemberPrincipal | undefined;
    if (token !== undefined) member = await byToken(req.get('Api-Key'), req.get('X-User-Email'), token);
    else if (bearer && isMemberJwt(bearer)) member = await byBearer(bearer);
    if (member) {
      res.locals.member = member;
      res.locals.programId = member.programId;
      res.locals.rateLimitKey = `member:${member.memberId}`;
    }
    next();
  };

  const requireMember: RequestHandler[] = [
    identifyMember,
    (_req, res, next) => {
      if (!memberOf(res)) throw unauthorized('member credentials are required');
      next();
    },
  ];

  /** A member, or a program by one of `schemes`. */
  const memberOr = (auth: Auth, schemes: readonly AuthScheme[]): RequestHandler[] => [
    identifyMember,
    (req, res, next) => (memberOf(res) ? next() : auth.authenticate(schemes)(req, res, next)),
  ];

  return { identifyMember, requireMember, memberOr };
}

export type MemberAuth = ReturnType<typeof createMemberAuth>;
