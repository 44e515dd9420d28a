import type { Knex } from 'knex';
import { findProfileExtras } from '../../projections/members/profile-extras.js';
import type { MemberRow } from '../../projections/members/queries.js';
import { presentMember } from './present.js';

export async function presentProfile(knex: Knex, member: MemberRow) {
  return presentMember(member, await findProfileExtras(knex, member));
}
