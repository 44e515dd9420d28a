import { Router } from 'express';
import { commandContext } from '../../auth/command-context.js';
import { inviteContacts } from '../../../commands/members/invitations.js';
import { findMember } from '../../../projections/members/queries.js';
import { invitationsBody } from './schemas.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { memberOf } from '../auth.js';
import type { MembersDeps } from '../deps.js';

/** Invitations: a member invites the people it knows, and gets its sponsor code. */
export function invitationRoutes(deps: MembersDeps): Router {
  const router = Router();
  const settled = readYourWrites(deps, ['members']);
  router.post(
    '/v1/invitations',
    ...deps.memberAuth.requireMember,
    idempotency({ knex: deps.knex }),
    async (req, res) => {
      const member = memberOf(res)!;
      const { contacts } = invitationsBody.parse(req.body);
      const invited = contacts.map((c) => ({
        email: c.email ? c.email.toLowerCase() : null,
        firstName: c.first_name,
        lastName: c.last_name,
        city: c.city,
        phone: c.phone,
      }));
      const result = await inviteContacts(deps, member.memberId, invited, commandContext(req, res));
      await settled(result.position);
      const row = await findMember(deps.knex, member.programId, member.memberId);
      if (!row) throw new HttpError('not_found', 'member not found');
      // Sponsoring is done once the member has invited someone.
      res.status(201).json({
        data: { nb_contacts: row.nbContacts, sponsoring_done: row.nbContacts > 0, code_sponsor: result.code },
      });
    },
  );
  return router;
}
