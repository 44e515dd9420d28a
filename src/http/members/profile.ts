import type { Knex } from 'knex';
import { findProfile } from '../../projections/members/profile-extras.js';
import { presentMember } from './present.js';

/** The profile as the API shows it, and its version; undefined when the program has no such member. */
export async function loadProfile(knex: Knex, programId: string, memberId: string) {
  const found = await findProfile(knex, programId, memberId);
  return found && { body: presentMember(found.member, found.extras), version: found.member.version };
}
