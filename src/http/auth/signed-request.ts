import type { Request } from 'express';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Config } from '../../platform/config.js';
import { findProgramByApiKey } from '../../projections/tenancy/programs.js';
import { HttpError } from '../errors.js';
import type { Presented } from './credentials.js';
import { rawBodyOf } from './raw-body.js';
import {
  checkExpiresAt,
  checkHost,
  fullUrl,
  memoryReplayCache,
  redisReplayCache,
  replayKey,
  replayTtlMs,
  signedMessage,
  verifySignature,
  type ExpiryProblem,
  type HostProblem,
} from './signature.js';

const EXPIRY_MESSAGES: Record<ExpiryProblem, string> = {
  malformed: 'Expires-at must be a UNIX timestamp in seconds',
  expired: 'the request has expired (Expires-at is in the past)',
  too_far_ahead: 'Expires-at may be at most one hour ahead',
};

const HOST_MESSAGES: Record<HostProblem, string> = {
  no_public_base_url:
    'signed requests are not accepted here: this server has no PUBLIC_BASE_URL to check the signed URL against',
  host_not_allowed: 'signed requests are not accepted for this Host',
};

export type SignedCredential = Extract<Presented, { kind: 'signed' }>;

export interface SignedRequestDeps {
  readonly knex: Knex;
  readonly config: Pick<Config, 'PUBLIC_BASE_URL'> & Partial<Pick<Config, 'NODE_ENV' | 'ALLOWED_HOSTS'>>;
  readonly redis?: Redis;
  readonly now: () => number;
}

/**
 * Checks a signed request: its program's signing key, Expires-at, Host, the signature over the raw body, and that the
 * signature was not accepted before. Answers the program's id, undefined for a wrong signature, or throws 403/503.
 */
export function signedRequestChecker(deps: SignedRequestDeps) {
  const { now } = deps;
  const replays = deps.redis ? redisReplayCache(deps.redis) : memoryReplayCache(now);
  const hostRules = {
    publicBaseUrl: deps.config.PUBLIC_BASE_URL,
    allowedHosts: deps.config.ALLOWED_HOSTS,
    production: deps.config.NODE_ENV === 'production',
  };

  /** A signature is accepted once until it expires; without a replay cache that answers, none is accepted. */
  async function claimOnce(credential: SignedCredential): Promise<void> {
    let first: boolean;
    try {
      first = await replays.claim(replayKey(credential.signature), replayTtlMs(credential.expiresAt, now()));
    } catch {
      throw new HttpError(
        'service_unavailable',
        'signed requests cannot be checked against replays right now; send it again shortly',
        [],
        { 'Retry-After': '5' },
      );
    }
    if (!first) {
      throw new HttpError(
        'forbidden',
        'this signed request was already accepted once; sign it again to send it again',
        [{ field: 'Signature', message: 'signature_replayed' }],
      );
    }
  }

  return async function checkSigned(credential: SignedCredential, req: Request): Promise<string | undefined> {
    const found = await findProgramByApiKey(deps.knex, credential.apiKey);
    if (!found?.signingKey) return undefined;
    const problem = checkExpiresAt(credential.expiresAt, now());
    if (problem)
      throw new HttpError('forbidden', EXPIRY_MESSAGES[problem], [
        { field: 'Expires-at', message: EXPIRY_MESSAGES[problem] },
      ]);
    const hostProblem = checkHost(req, hostRules);
    if (hostProblem)
      throw new HttpError('forbidden', HOST_MESSAGES[hostProblem], [{ field: 'Host', message: hostProblem }]);
    const message = signedMessage(
      credential.expiresAt,
      req.method,
      fullUrl(req, deps.config.PUBLIC_BASE_URL),
      await rawBodyOf(req),
    );
    if (!verifySignature(message, credential.signature, found.signingKey)) return undefined;
    await claimOnce(credential);
    return found.id;
  };
}
