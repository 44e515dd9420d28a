import { Router } from 'express';
import type { Knex } from 'knex';
import { commandContext } from '../auth/command-context.js';
import { z } from 'zod';
import { inviteContacts } from '../../commands/members/invitations.js';
import type { Clock } from '../../platform/clock.js';
import type { EventStore, Position } from '../../platform/eventstore/types.js';
import { findMember } from '../../projections/members/queries.js';
import { HttpError } from '../errors.js';
import { idempotency } from '../idempotency/index.js';
import { memberOf, type MemberAuth } from './auth.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Seed 000's "Post some new contacts": the people a member invites. */
export const invitationsBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        email: z.string().trim().max(254).nullable().optional(),
        first_name: text(100),
        last_name: text(100),
        city: text(100),
        phone: text(40),
      }),
    )
    .min(1)
    .max(100),
});

export interface InvitationDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly memberAuth: MemberAuth;
  readonly settled: (position: Position | undefined) => Promise<void>;
}

export function invitationRoutes(deps: InvitationDeps): Router {
  const router = Router();
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
      await deps.settled(result.position);
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
