import type { RegistrationInput } from '../../../commands/hub/customers/register.js';
import type { CaptchaPort } from '../../../commands/hub/ports/messaging.js';
import type { ErrorDetail } from '../../../domain/shared/errors.js';
import { findCustomerByReferralCode } from '../../../projections/hub/customers/queries.js';
import type { HubView } from '../../../projections/hub/hubs/queries.js';
import type { ApiContext } from '../../context.js';
import { HttpError } from '../../errors.js';
import { orNull } from '../../shared/fields.js';
import { secretBoxOf } from '../common.js';
import { registerBody } from '../customers/schemas.js';

const DAY_S = 86_400;

/**
 * A registration body checked against the hub: its `*Required` flags, its captcha when it has a secret, the eligible
 * date within the last 90 days, a referral code of this hub. Every problem is one detail (422).
 */
export async function registration(
  ctx: Pick<ApiContext, 'knex' | 'config' | 'clock'>,
  hub: HubView,
  raw: unknown,
  captcha: CaptchaPort,
): Promise<RegistrationInput> {
  const body = registerBody.parse(raw);
  const s = hub.settings;
  const problems: ErrorDetail[] = [];
  const need = (field: string, present: boolean) => {
    if (!present) problems.push({ field, message: 'required by this hub' });
  };
  if (s.phoneRequired) {
    need('phoneNumber', body.phoneNumber !== undefined);
    need('countryCode', body.countryCode !== undefined);
  }
  if (s.emailRequired) need('email', body.email !== undefined);
  if (s.customerExternalIdRequired) need('customerExternalId', body.customerExternalId !== undefined);
  const nowS = Math.floor(ctx.clock.now().getTime() / 1000);
  const eligible = body.transactionsEligibleFromDate;
  if (eligible !== undefined && (eligible > nowS || eligible < nowS - 90 * DAY_S))
    problems.push({ field: 'transactionsEligibleFromDate', message: 'within the last 90 days (Unix seconds)' });
  if (s.recaptchaSecretSealed !== null) {
    const secret = (await secretBoxOf(ctx)()).open(s.recaptchaSecretSealed);
    if (!body.captcha || !(await captcha.verify(body.captcha, secret)))
      problems.push({ field: 'captcha', message: 'the captcha is not solved', code: 'invalidCaptcha' });
  }
  let referredBy: string | null = null;
  if (body.referralInfo) {
    const referrer = await findCustomerByReferralCode(ctx.knex, hub.id, body.referralInfo.referralCode.toUpperCase());
    if (referrer) referredBy = referrer.id;
    else
      problems.push({
        field: 'referralInfo.referralCode',
        message: 'no customer of this hub has it',
        code: 'invalidReferralCode',
      });
  }
  if (problems.length > 0) {
    const captchaOnly = problems.length === 1 && problems[0]?.code === 'invalidCaptcha';
    throw new HttpError(
      'invalid_request',
      captchaOnly ? 'the captcha is not solved' : 'the request has invalid fields',
      problems,
    );
  }
  return {
    hubId: hub.id,
    profile: {
      ...orNull(body, ['customerExternalId', 'countryCode', 'gender', 'familyStatus', 'preferredLanguage']),
      outsideOptIn: body.outsideOptIn,
    },
    personal: orNull(body, ['firstName', 'lastName', 'email', 'phoneNumber', 'birthDate', 'postalCode']),
    ...orNull(body, ['origin', 'referer']),
    optins: body.optins,
    referredBy,
    transactionsEligibleFromDate: eligible === undefined ? undefined : new Date(eligible * 1000).toISOString(),
  };
}
