import { randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/shared/errors.js';
import { sha256Hex, verifyPassword } from '../../platform/crypto.js';
import type { Position } from '../../platform/eventstore/types.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import { members } from './aggregates.js';

/** Who is signing in, as the read model knows them. */
export interface SignInCandidate {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
}

/** Checks a member's token issued by the program itself, at the program's validation end-point. */
export interface ExternalTokenValidator {
  validate(request: { url: string; apiKey: string; accessToken: string; customerExternalId: string }): Promise<boolean>;
}

export type Credentials =
  | { readonly kind: 'password'; readonly password: string }
  | {
      readonly kind: 'external_token';
      readonly accessToken: string;
      readonly validationUrl: string | null;
      readonly apiKey: string;
    };

export interface SignedIn {
  readonly memberId: string;
  readonly email: string;
  readonly sessionId: string;
  /** Shown once: only its digest is recorded. */
  readonly token: string;
  readonly position: Position | undefined;
}

const refusedSignIn = (): DomainError => new DomainError('unauthorized', 'wrong email, password or access token');

async function credentialsHold(
  candidate: SignInCandidate | undefined,
  credentials: Credentials,
  validator: ExternalTokenValidator,
): Promise<boolean> {
  if (credentials.kind === 'password') {
    // Hash anyway when the email is unknown, so timing does not tell which emails exist.
    const ok = await verifyPassword(
      credentials.password,
      candidate?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    return ok && candidate !== undefined;
  }
  if (!candidate || !credentials.validationUrl) return false;
  return validator.validate({
    url: credentials.validationUrl,
    apiKey: credentials.apiKey,
    accessToken: credentials.accessToken,
    customerExternalId: candidate.id,
  });
}

export async function signIn(
  { store, clock }: CommandDeps,
  candidate: SignInCandidate | undefined,
  credentials: Credentials,
  validator: ExternalTokenValidator,
  context: CommandContext,
): Promise<SignedIn> {
  if (!(await credentialsHold(candidate, credentials, validator)) || !candidate) throw refusedSignIn();
  const token = randomBytes(32).toString('base64url');
  const sessionId = randomUUID();
  const command = {
    type: 'SignIn' as const,
    data: { sessionId, tokenDigest: sha256Hex(token), method: credentials.kind, now: clock.now().toISOString() },
  };
  const result = await members.handle(candidate.id, command, { store, context });
  return { memberId: candidate.id, email: candidate.email, sessionId, token, position: result.position };
}

export async function signOut(
  { store, clock }: CommandDeps,
  memberId: string,
  sessionId: string,
  context: CommandContext,
): Promise<Position | undefined> {
  const command = { type: 'SignOut' as const, data: { sessionId, now: clock.now().toISOString() } };
  const result = await members.handle(memberId, command, { store, context });
  return result.position;
}
