import { customerExample } from '../examples.js';
import { errorResponses, json, registry, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY } from '../../openapi/security.js';
import { KEY, noContent, path } from '../customers/openapi-common.js';
import { smsCallbackBody } from './sms-callback.js';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9…';

/** Documents getAccessToken and validateExternalToken (the sign-in by the program's own token) and the SMS callback. */
export function documentExternalAuth(customer: z.ZodType): void {
  registry.registerComponent('securitySchemes', 'smsProvider', {
    type: 'http',
    scheme: 'basic',
    description:
      'The SMS provider: any user, SMS_CALLBACK_SECRET as the password (or an X-Sms-Callback-Secret header).',
  });
  path(
    'post',
    '/v1/hub/providers/sms/callback',
    'auth_api/postSmsCallback',
    "The SMS provider's delivery report, naming our message reference (or else the recipient's latest SMS); a failed delivery (bounce, rejection…) lifts the 60 s wait for that phone. A report about an unknown message is answered alike",
    [{ smsProvider: [] }],
    {
      request: {
        body: json(smsCallbackBody, {
          status: 'hardBounce',
          reference: { '1': '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a' },
          bounce_type: 'hard',
          description: 'invalid number',
          to: '33600000000',
        }),
      },
      responses: { ...noContent, ...errorResponses(400, 401, 413, 415, 422) },
    },
  );
  path(
    'get',
    '/v1/hub/auth/token',
    'auth_api/getAccessToken',
    "Trade the program's own access token of a customer for a customer JWT: a GET, signed with the platform key over x-access-token|Api-Key|Expires-at|, to the program's external_token_validation_url (5 s). Unknown customer 404 (customerNotFound); a non-2xx answer 401; no URL or no answer 422 operation_refused (externalTokenValidationUnavailable)",
    PROGRAM_SECURITY,
    {
      request: {
        headers: z.object({
          customerId: z.uuid().optional(),
          customerExternalId: z
            .string()
            .max(100)
            .optional()
            .meta({ description: "the customer's id at the program", 'x-external-id': true }),
          'x-access-token': z.string().max(4096),
        }),
      },
      responses: {
        200: json(z.object({ data: z.object({ token: z.string(), expiresIn: z.number().int() }) }), {
          data: { token: TOKEN, expiresIn: 3600 },
        }),
        ...errorResponses(401, 403, 404, 422),
      },
    },
  );
  path(
    'get',
    '/v1/hub/auth/validate-external-token',
    'auth_api/validateExternalToken',
    "The same signed call with x-access-token = externalToken and no customerExternalId; the end-point's 2xx JSON must name customerExternalId (else 401), a customer of the hub (else 404 customerNotFound) → a customer JWT and the customer",
    KEY,
    {
      request: { query: z.object({ externalToken: z.string().max(4096) }) },
      responses: {
        200: json(z.object({ data: z.object({ token: z.string(), customer }) }), {
          data: { token: TOKEN, customer: customerExample },
        }),
        ...errorResponses(401, 404, 422),
      },
    },
  );
}
