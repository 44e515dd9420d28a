import { outboxExample } from '../examples.js';
import { errorResponses, json, listOf, z } from '../../openapi/registry.js';
import { SECURITY } from '../../openapi/security.js';
import { PAGE_PARAMS } from '../../openapi/wire.js';
import { KEY, noContent, path, s, tokenAnswer } from '../customers/openapi-common.js';
import { loginBody, registerBody, resetPasswordBody, temporaryCodeBody } from '../customers/schemas.js';

/** Documents registration and sign-in (auth_api). */
export function documentHubAuth(): void {
  path(
    'post',
    '/v1/hub/auth/register',
    'auth_api/postRegistration',
    "Register a customer: the hub's *Required flags make those fields required; a known email, phone or customerExternalId 409 conflict_uniqueness; the captcha (details[0].code invalidCaptcha) when the hub has a secret",
    KEY,
    {
      request: {
        body: json(registerBody, {
          phoneNumber: '612345678',
          countryCode: 33,
          email: 'zoe@example.org',
          optins: [{ code: 'cgu', value: true }],
        }),
      },
      responses: {
        201: { ...tokenAnswer, description: 'created: a registration token (2 h)' },
        ...errorResponses(401, 404, 409, 422),
      },
    },
  );
  path(
    'get',
    '/v1/hub/auth/temporary-code',
    'auth_api/getTemporaryCode',
    'Send a six-digit code (10 min) by SMS; unknown phone 404 (unknownPhone); again within 60 s 429',
    KEY,
    {
      request: { headers: z.object({ phoneNumber: z.string().max(30), countryCode: z.string().max(4) }) },
      responses: { ...noContent, ...errorResponses(401, 404, 422, 429) },
    },
  );
  path(
    'post',
    '/v1/hub/auth/temporary-code',
    'auth_api/postTemporaryCode',
    'Trade the SMS code for a customer token; wrong or expired 401; the fifth wrong try voids the code',
    KEY,
    {
      request: {
        body: json(temporaryCodeBody, { phoneNumber: '612345678', countryCode: 33, temporaryCode: '123456' }),
      },
      responses: { 200: tokenAnswer, ...errorResponses(401, 404, 422) },
    },
  );
  path(
    'post',
    '/v1/hub/auth/login',
    'auth_api/postLogin',
    'Sign in by email or phone and password; wrong 401; the fifth wrong try in a row locks the password: 403 passwordLocked',
    KEY,
    {
      request: { body: json(loginBody, { email: 'zoe@example.org', password: 'correct horse' }) },
      responses: { 200: tokenAnswer, ...errorResponses(401, 403, 404, 422) },
    },
  );
  path(
    'get',
    '/v1/hub/auth/password-email',
    'auth_api/getPasswordEmailConfirmation',
    'Email a one-time link (1 h) to choose a password; unknown 404 (emailNotFound)',
    KEY,
    {
      request: { headers: z.object({ email: z.email() }) },
      responses: { ...noContent, ...errorResponses(401, 404, 422) },
    },
  );
  path(
    'post',
    '/v1/hub/auth/password',
    'hub/auth/setPassword',
    "Set the password from the link's token, which also unlocks it *(ours)*",
    KEY,
    {
      request: { body: json(resetPasswordBody, { token: 'the token of the link', password: 'correct horse' }) },
      responses: { ...noContent, ...errorResponses(401, 404, 422) },
    },
  );
  path(
    'get',
    '/v1/admin/hub/outbox',
    'hub/admin/getOutbox',
    "The sandbox SMS and email adapters' messages, newest first, paged; items shaped as GET /v1/admin/outbox's (the fulfillment mailer's) plus hubId, channel and status",
    [SECURITY.admin],
    {
      request: {
        query: z.object({
          to: z.string().max(254).optional(),
          ...PAGE_PARAMS,
        }),
      },
      responses: {
        200: json(
          listOf(
            z.object({
              id: z.uuid(),
              hubId: z.uuid(),
              channel: z.enum(['sms', 'email']),
              to: z.string(),
              subject: s(),
              text: z.string(),
              status: z.enum(['sent', 'delivered', 'failed']),
              created_at: z.iso.datetime(),
              attachments: z
                .array(z.object({ filename: z.string(), content_type: z.string(), size: z.number().int().min(0) }))
                .max(0)
                .meta({ description: "always empty for SMS and the hub's emails: the shared outbox item's shape" }),
            }),
          ),
          outboxExample,
        ),
        ...errorResponses(401, 403, 422),
      },
    },
  );
}
