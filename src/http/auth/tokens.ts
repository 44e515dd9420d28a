import type { Config } from '../../platform/config.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import { isUuid } from '../../platform/uuid.js';

/** The audience of the tokens `POST /v1/oauth/token` issues to a program. */
export const PROGRAM_AUDIENCE = 'goodstream:program';
export const PROGRAM_TOKEN_TTL_SECONDS = 3600;

export type TokenConfig = Pick<Config, 'PUBLIC_BASE_URL'>;

export const tokenIssuer = (config: TokenConfig): string => config.PUBLIC_BASE_URL ?? 'goodstream';

export function issueProgramToken(keys: JwtKeys, config: TokenConfig, programId: string): Promise<string> {
  return keys.sign({
    subject: programId,
    audience: PROGRAM_AUDIENCE,
    issuer: tokenIssuer(config),
    ttlSeconds: PROGRAM_TOKEN_TTL_SECONDS,
  });
}

/**
 * The program id the token was issued to; rejects when the token is forged,
 * expired, meant for someone else, or names a subject that is no program id
 * (PostgreSQL would refuse to compare it with one).
 */
export async function verifyProgramToken(keys: JwtKeys, config: TokenConfig, token: string): Promise<string> {
  const payload = await keys.verify(token, { audience: PROGRAM_AUDIENCE, issuer: tokenIssuer(config) });
  if (!isUuid(payload.sub)) throw new Error('the token names a subject that is not a program id');
  return payload.sub;
}
