import { Router } from 'express';
import { registerMember } from '../../../commands/members/register-member.js';
import { paymentMethods } from '../../../commands/members/payment-methods.js';
import { updateMember } from '../../../commands/members/update-member.js';
import { lazySecretBox } from '../../../platform/secret-box.js';
import { isUuid } from '../../../platform/uuid.js';
import { findMember, memberEmailExists } from '../../../projections/members/queries.js';
import { findProgram } from '../../../projections/tenancy/programs.js';
import { PROGRAM_SCHEMES } from '../../auth/authenticate.js';
import { commandContext, programOf } from '../../auth/command-context.js';
import { sendResource } from '../../conventions/envelope.js';
import { whileUnchanged } from '../../conventions/read-model-cache.js';
import { readYourWrites } from '../../conventions/read-your-writes.js';
import { expectedVersion } from '../../conventions/versioning.js';
import { HttpError } from '../../errors.js';
import { idempotency } from '../../idempotency/index.js';
import { memberOf } from '../auth.js';
import type { MembersDeps } from '../deps.js';
import { loadProfile, profileReader } from './profile.js';
import { existsQuery, patchBody, registerBody } from './schemas.js';

/** Members: the program registers them and checks an email; a member reads and changes its own profile. */
export function memberRoutes(deps: MembersDeps): Router {
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
