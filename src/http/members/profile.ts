import type { Knex } from 'knex';
import { findProfile } from '../../projections/members/profile-extras.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import { ExpiringCache } from '../conventions/expiring-cache.js';
import { presentMember } from './present.js';

/** The read models a profile is made of. */
const PROFILE_READ_MODELS = ['members', 'perks', 'causes'] as const;

/** The profile as the API shows it, and its version; undefined when the program has no such member. */
export async function loadProfile(knex: Knex, programId: string, memberId: string) {
  const found = await findProfile(knex, programId, memberId);
  return found && { body: presentMember(found.member, found.extras), version: found.member.version };
}

/**
 * Profiles read again while none of their read models has changed since, for
 * members (and programs) that ask for the same profile many times a second.
 * Only in a process that applies those read models itself: anywhere else a
 * change would go unseen, so every read goes to the database. Entries live a
 * second, which bounds how long a profile can lag the clock (a trial ending).
 */
export function profileReader<P>(load: (programId: string, memberId: string) => Promise<P | undefined>, runner: Pick<ProjectionRunner, 'readModelStamp'>, ttlMs = 1000) {
  const cache = new ExpiringCache<P>(ttlMs, 5000);
  return (programId: string, memberId: string): Promise<P | undefined> => {
    const stamp = runner.readModelStamp(PROFILE_READ_MODELS);
    if (stamp === undefined) return load(programId, memberId);
    return cache.get(`${stamp}:${programId}:${memberId}`, () => load(programId, memberId));
  };
}
