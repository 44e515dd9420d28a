import type { Knex } from 'knex';
import { findProfile } from '../../../projections/members/profile-extras.js';
import type { ProjectionRunner } from '../../../projections/runner.js';
import { whileUnchanged } from '../../conventions/read-model-cache.js';
import { presentMember } from './present.js';

/** The read models a profile is made of. */
const PROFILE_READ_MODELS = ['members', 'perks', 'causes'] as const;

/** The profile as the API shows it, and its version; undefined when the program has no such member. */
export async function loadProfile(knex: Knex, programId: string, memberId: string) {
  const found = await findProfile(knex, programId, memberId);
  return found && { body: presentMember(found.member, found.extras), version: found.member.version };
}

/**
 * Profiles read again while none of their read models has changed, for members (and programs) that ask for the same
 * profile many times a second.
 */
export function profileReader<P>(
  load: (programId: string, memberId: string) => Promise<P | undefined>,
  runner: Pick<ProjectionRunner, 'readModelStamp'>,
  ttlMs = 1000,
) {
  return whileUnchanged(
    runner,
    PROFILE_READ_MODELS,
    (programId: string, memberId: string) => `${programId}:${memberId}`,
    load,
    ttlMs,
  );
}
