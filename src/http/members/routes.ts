import { Router } from 'express';
import type { Knex } from 'knex';
import { commandContext, programOf } from '../auth/command-context.js';
import { registerMember } from '../../commands/members/register-member.js';
import { signIn, signOut, type ExternalTokenValidator } from '../../commands/members/sessions.js';
import { paymentMethods } from '../../commands/members/payment-methods.js';
import { updateMember } from '../../commands/members/update-member.js';
import type { Config } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import type { EventStore } from '../../platform/eventstore/types.js';
import { readYourWrites } from '../conventions/read-your-writes.js';
import type { JwtKeys } from '../../platform/jwt-keys.js';
import type { PaymentProvider } from '../../platform/payments/index.js';
import { lazySecretBox } from '../../platform/secret-box.js';
import { findMember, findSignInCandidate, memberEmailExists } from '../../projections/members/queries.js';
import type { ProjectionRunner } from '../../projections/runner.js';
import { findProgram } from '../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES, type Auth } from '../auth/authenticate.js';
import { sendResource } from '../conventions/envelope.js';
import { expectedVersion } from '../conventions/versioning.js';
import { HttpError } from '../errors.js';
import { idempotency } from '../idempotency/index.js';
import { issueMemberToken, MEMBER_TOKEN_TTL_SECONDS, memberOf, type MemberAuth } from './auth.js';
import { invitationRoutes } from './invitations.js';
import { loadProfile, profileReader } from './profile.js';
import { whileUnchanged } from '../conventions/read-model-cache.js';
import { existsQuery, patchBody, registerBody, signInInput } from './members/schemas.js';
import { isUuid } from '../../platform/uuid.js';

export interface MembersDeps {
  readonly knex: Knex;
  readonly store: EventStore;
  readonly clock: Clock;
  readonly runner: Pick<ProjectionRunner, 'waitFor' | 'readModelStamp'>;
  readonly config: Pick<Config, 'PUBLIC_BASE_URL' | 'READ_YOUR_WRITES_TIMEOUT_MS' | 'SECRETS_KEY'>;
  readonly jwtKeys: JwtKeys;
  readonly auth: Auth;
  readonly memberAuth: MemberAuth;
  readonly tokenValidator: ExternalTokenValidator;
  readonly payments: PaymentProvider;
}

export function membersRoutes(deps: MembersDeps): Router {
  const router = Router();
  const { auth, memberAuth } = deps;
  const apiKey = auth.authenticate(['api_key', ...PROGRAM_SCHEMES]);
  const once = idempotency({ knex: deps.knex });
  const settled = readYourWrites(deps, ['members']);
  // The program's settings (currency, cause share) on every PATCH.
  const programById = whileUnchanged(
    deps.runner,
    ['programs'],
    (id: string) => id,
    (id: string) => findProgram(deps.knex, id),
  );
  const readProfile = profileReader(
    (programId: string, memberId: string) => loadProfile(deps.knex, programId, memberId),
    deps.runner,
  );
  // Seals the card token kept for renewals.
  const cards = paymentMethods(deps.knex, lazySecretBox(deps.knex, deps.config.SECRETS_KEY));
  router.use(invitationRoutes({ ...deps, settled }));

  router.get('/v1/members/exists', apiKey, async (req, res) => {
    const { email } = existsQuery.parse({ email: req.query.email ?? req.get('email') });
    if (!(await memberEmailExists(deps.knex, programOf(res), email)))
      throw new HttpError('not_found', 'no member has this email');
    res.json({ data: { email } });
  });

  router.post('/v1/members', apiKey, once, async (req, res) => {
    const { user } = registerBody.parse(req.body);
    const profile = {
      email: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      city: user.city,
      zipcode: user.zipcode,
      codePartner: user.code_partner ?? null,
      birthday: user.birthday ?? null,
      street: user.street ?? null,
      phone: user.phone ?? null,
      picture: user.remote_picture_url ?? null,
    };
    const result = await registerMember(deps, { profile, password: user.password }, commandContext(req, res));
    await settled(result.position);
    sendResource(res, { id: result.id }, result.version ?? 0n, 201);
  });

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

  router.get('/v1/members/:id', ...memberAuth.memberOr(auth, PROGRAM_SCHEMES), async (req, res) => {
    const id = String(req.params.id);
    const member = memberOf(res);
    if (member && member.memberId !== id) throw new HttpError('not_found', 'member not found');
    const profile = isUuid(id) ? await readProfile(programOf(res), id) : undefined;
    if (!profile) throw new HttpError('not_found', 'member not found');
    sendResource(res, profile.body, profile.version);
  });

  router.patch('/v1/members/:id', ...memberAuth.requireMember, async (req, res) => {
    const id = String(req.params.id);
    if (memberOf(res)!.memberId !== id) throw new HttpError('not_found', 'member not found');
    const { user } = patchBody.parse(req.body);
    // The member's current email only matters when the email changes (its claim moves); the session already proved the
    // member is there.
    const [current, program] = await Promise.all([
      user.email === undefined ? undefined : findMember(deps.knex, programOf(res), id),
      programById(programOf(res)),
    ]);
    if ((user.email !== undefined && !current) || !program) throw new HttpError('not_found', 'member not found');
    const changes = {
      email: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      birthday: user.birthday,
      codePartner: user.code_partner,
      street: user.street,
      zipcode: user.zipcode,
      city: user.city,
      phone: user.phone,
      picture: user.remote_picture_url,
      causeId: user.cause_id,
    };
    const paymentToken = user.stripeToken ?? user.payment_token;
    const input = {
      changes,
      subscription: user.subscription,
      amount: user.amount,
      currency: program.settings.currency,
      ...(paymentToken ? { paymentToken } : {}),
    };
    const billing = {
      payments: deps.payments,
      paymentMethods: cards,
      causeSharePercent: program.settings.causeSharePercent,
    };
    const result = await updateMember(deps, id, input, commandContext(req, res), {
      expectedVersion: expectedVersion(req),
      ...(current ? { currentEmail: current.email } : {}),
      billing,
    });
    await settled(result.position);
    const profile = await loadProfile(deps.knex, programOf(res), id);
    if (!profile) throw new HttpError('not_found', 'member not found');
    sendResource(res, profile.body, profile.version);
  });

  return router;
}
