import { emailClaimEvents, type MemberProfile } from '../../domain/members/events.js';
import { DomainError } from '../../domain/shared/errors.js';
import { hashPassword, sha256Hex } from '../../platform/crypto.js';
import type { Position } from '../../platform/eventstore/types.js';
import { idsFor } from '../ids.js';
import type { CommandDeps } from '../shared/aggregate.js';
import type { CommandContext } from '../shared/command.js';
import { emailClaims, members, memberStream } from './aggregates.js';

export { memberStream } from './aggregates.js';

export interface RegisterMemberInput {
  readonly profile: MemberProfile;
  readonly password: string;
}

/** One stream per (program, email): its existence is the uniqueness check. */
export const emailClaimStream = (programId: string, email: string): string =>
  `memberemail-${sha256Hex(`${programId}\n${email.trim().toLowerCase()}`).slice(0, 40)}`;

/** A claim with no member after this long was left by a crash, not by a registration still under way. */
export const ABANDONED_CLAIM_MS = 30_000;

/**
 * Claims the email, then registers the member under the claimed id. A crash
 * between the two leaves a claim without a member; registering the same email
 * again once that claim is abandoned finishes the registration instead of
 * refusing the email forever.
 */
export async function registerMember(
  { store, clock }: CommandDeps,
  input: RegisterMemberInput,
  context: CommandContext,
): Promise<{ id: string; position: Position | undefined; version: bigint | undefined }> {
  const programId = context.tenantId;
  const now = clock.now();
  const email = input.profile.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  let memberId: string = idsFor(context).next();
  const claim = { type: 'ClaimEmail' as const, data: { email, memberId, programId, now: now.toISOString() } };
  const claimStream = emailClaimStream(programId, email);
  try {
    await emailClaims.handle(claimStream, claim, { store, context });
  } catch (error) {
    if (!(error instanceof DomainError) || error.errorName !== 'conflict_uniqueness') throw error;
    const [claimed] = await store.readStream(claimStream, { maxCount: 1 });
    const claimedId = claimed ? emailClaimEvents.EmailClaimed.parse(claimed.data).memberId : '';
    const abandoned = claimed !== undefined && now.getTime() - claimed.createdAt.getTime() > ABANDONED_CLAIM_MS;
    if (!abandoned || (await store.readStream(memberStream(claimedId), { maxCount: 1 })).length > 0) throw error;
    memberId = claimedId;
  }
  const command = {
    type: 'RegisterMember' as const,
    data: { memberId, programId, profile: { ...input.profile, email }, passwordHash, now: now.toISOString() },
  };
  const result = await members.handle(memberId, command, { store, context });
  return { id: memberId, position: result.position, version: result.version };
}
