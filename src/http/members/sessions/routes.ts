import { Router } from 'express';
import { signIn, signOut } from '../../../commands/members/sessions.js';
import { findSignInCandidate } from '../../../projections/members/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { commandContext, programOf } from '../../auth/command-context.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { issueMemberToken, MEMBER_TOKEN_TTL_SECONDS, memberOf } from '../auth.js';
import type { MembersDeps } from '../deps.js';
import { signInInput } from '../members/schemas.js';

/** Sessions: a member signs in with a password or its app's token, and signs out. */
export function sessionRoutes(deps: MembersDeps): Router {
  const router = Router();
  const { auth, memberAuth } = deps;
  const apiKey = auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const settled = readYourWrites(deps, ['members']);

  // No Idempotency-Key here: the answer carries the session's tokens, which must never be kept and shown again.
  router.post('/v1/sessions', apiKey, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = signInInput.parse({
      email: body.email ?? req.get('email'),
      password: body.password ?? req.get('password'),
      access_token: body.access_token ?? req.get('access_token'),
    });
    const programId = programOf(res);
    const program = await findProgram(deps.knex, programId);
    const candidate = await findSignInCandidate(deps.knex, programId, input.email);
    const credentials =
      input.password !== undefined
        ? { kind: 'password' as const, password: input.password }
        : {
            kind: 'external_token' as const,
            accessToken: input.access_token ?? '',
            validationUrl: program?.settings.externalTokenValidationUrl ?? null,
            apiKey: program?.apiKey ?? '',
          };
    const session = await signIn(deps, candidate, credentials, deps.tokenValidator, commandContext(req, res));
    await settled(session.position);
    const accessToken = await issueMemberToken(deps.jwtKeys, deps.config, { ...session, programId });
    res.status(201).json({
      data: {
        id: session.memberId,
        email: session.email,
        authentication_token: session.token,
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: MEMBER_TOKEN_TTL_SECONDS,
      },
    });
  });

  router.delete('/v1/sessions', ...memberAuth.requireMember, async (req, res) => {
    const member = memberOf(res)!;
    await settled(await signOut(deps, member.memberId, member.sessionId, commandContext(req, res)));
    res.status(204).end();
  });

  return router;
}
