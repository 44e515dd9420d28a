import type { Knex } from 'knex';

export interface MemberSession {
  readonly sessionId: string;
  readonly memberId: string;
  readonly programId: string;
  readonly email: string;
}

/** An active session and its member's email, found by `where`; `name` names the prepared statement. */
const activeSession = (knex: Knex, where: Record<string, string>, name: string): Promise<MemberSession | undefined> =>
  knex('rm_member_sessions as s')
    .join('rm_members as m', 'm.id', 's.member_id')
    .where({ ...where, 's.active': true })
    .options({ name })
    .first<MemberSession | undefined>({
      sessionId: 's.id',
      memberId: 's.member_id',
      programId: 's.program_id',
      email: 'm.email',
    });

/** An active session by the digest of its token. */
export const findSessionByTokenDigest = (knex: Knex, digest: string) =>
  activeSession(knex, { 's.token_digest': digest }, 'gs_session_by_token_digest');

export const findActiveSession = (knex: Knex, sessionId: string) =>
  activeSession(knex, { 's.id': sessionId }, 'gs_active_session');
