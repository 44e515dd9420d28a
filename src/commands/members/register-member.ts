import { randomUUID } from 'node:crypto';
import { emailClaimDecider } from '../../domain/members/email-claim.js';
import { emailClaimEvents, memberEvents, type MemberProfile } from '../../domain/members/events.js';
import { memberDecider } from '../../domain/members/member.js';
import { DomainError } from '../../domain/shared/errors.js';
import { hashPassword, sha256Hex } from '../../platform/crypto.js';
import type { EventStore, Position } from '../../platform/eventstore/types.js';
import { handleCommand, type CommandContext } from '../handle.js';

export interface RegisterMemberInput {
  readonly profile: MemberProfile;
  readonly password: string;
}

export const memberStream = (memberId: string): string => `member-${memberId}`;

/** One stream per (program, email): its existence is the uniqueness check. */
export const emailClaimStream = (programId: string, email: string): string =>
  `memberemail-${sha256Hex(`${programId}\n${email.trim().toLowerCase()}`).slice(0, 40)}`;

/**
 * Claims the email, then registers the member under the claimed id. A crash
 * between the two leaves a claim without a member; registering the same email
 * again then finishes that registration instead of refusing it.
 */
export async function registerMember(
  store: EventStore,
  input: RegisterMemberInput,
  context: CommandContext,
  now: Date = new Date(),
): Promise<{ id: string; position: Position | undefined; version: bigint | undefined }> {
  const programId = context.tenantId;
  const email = input.profile.email.trim().toLowerCase();
  let memberId: string = randomUUID();
  const claim = { type: 'ClaimEmail' as const, data: { email, memberId, programId, now: now.toISOString() } };
  const claimStream = emailClaimStream(programId, email);
  try {
    await handleCommand(store, emailClaimDecider, emailClaimEvents, claimStream, claim, context);
  } catch (error) {
    if (!(error instanceof DomainError) || error.errorName !== 'conflict_uniqueness') throw error;
    const [claimed] = await store.readStream(claimStream, { maxCount: 1 });
    const claimedId = String(claimed?.data.memberId ?? '');
    if (!claimedId || (await store.readStream(memberStream(claimedId), { maxCount: 1 })).length > 0) throw error;
    memberId = claimedId;
  }
  const passwordHash = await hashPassword(input.password);
  const command = {
    type: 'RegisterMember' as const,
    data: { memberId, programId, profile: { ...input.profile, email }, passwordHash, now: now.toISOString() },
  };
  const result = await handleCommand(store, memberDecider, memberEvents, memberStream(memberId), command, context);
  return { id: memberId, position: result.position, version: result.version };
}
