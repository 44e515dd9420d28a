import {
  errorResponses,
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  pathId,
  registry,
  resource,
  z,
} from '../../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { uuid } from '../../openapi/wire.js';
import { profileExample, registerProfile } from './openapi-profile.js';
import { invitationsBody } from '../invitations/schemas.js';
import { patchBody, registerBody } from './schemas.js';

const tags = ['Members'];
const idParam = pathId('0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41');

/** Documents the members', sessions' and invitations' paths and the Profile component in the registry. */
export function documentMembers(): void {
  const profile = registerProfile();

  registry.registerPath({
    method: 'get',
    path: '/v1/members/exists',
    tags,
    summary: 'Whether an email is registered in the program',
    security: [SECURITY.apiKey],
    request: { query: z.object({ email: z.string().openapi({ example: 'fred@example.org' }) }) },
    responses: {
      200: json(z.object({ data: z.object({ email: z.string() }) }), { data: { email: 'fred@example.org' } }),
      ...errorResponses(404),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/members',
    tags,
    summary: 'Register a member',
    security: [SECURITY.apiKey],
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(registerBody, {
        user: {
          email: 'zaz@example.org',
          first_name: 'zaz',
          last_name: 'doe',
          password: '123nuage',
          city: 'Bordeaux',
          zipcode: '33300',
          code_partner: 'LABELTERRE',
        },
      }),
    },
    responses: {
      201: json(resource(z.object({ id: uuid })), {
        data: { id: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41' },
        version: 0,
      }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/sessions',
    tags,
    summary: 'Sign in with email and password, or with an access_token the program validates',
    security: [SECURITY.apiKey],
    request: {
      body: json(
        z.object({ email: z.string(), password: z.string().optional(), access_token: z.string().optional() }),
        { email: 'fred@example.org', password: 'mot de passe' },
      ),
    },
    responses: {
      201: json(
        z.object({
          data: z.object({
            id: uuid,
            email: z.string(),
            authentication_token: z.string(),
            access_token: z.string(),
            token_type: z.enum(['Bearer']),
            expires_in: z.number().int(),
          }),
        }),
        {
          data: {
            id: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41',
            email: 'fred@example.org',
            authentication_token: 'ARIDO3557Z0Z0Z…',
            access_token: 'eyJhbGciOiJFUzI1NiIs…',
            token_type: 'Bearer',
            expires_in: 3600,
          },
        },
      ),
    },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/sessions',
    tags,
    summary: 'Sign out: the token and its access_token stop working',
    security: [SECURITY.memberToken, SECURITY.memberBearer],
    responses: { 204: { description: 'signed out' } },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/members/{id}',
    tags,
    summary: 'A member’s profile (the member, or the program)',
    security: [SECURITY.memberToken, SECURITY.memberBearer, ...PROGRAM_SECURITY],
    request: { params: idParam },
    responses: { 200: json(resource(profile), { data: profileExample, version: 3 }) },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/members/{id}',
    tags,
    summary: 'Update the profile; subscription M or Y subscribes, X stops the subscription and changes nothing else',
    description:
      'Starting a subscription (M or Y with amount, cause_id and stripeToken) charges the first period at once; a declined card answers 422 operation_refused with the provider’s reason and changes nothing. ' +
      'Changing plan or amount while subscribed takes effect from the next period (nothing is charged now); a new stripeToken replaces the card used for renewals.',
    security: [SECURITY.memberToken, SECURITY.memberBearer],
    request: {
      params: idParam,
      headers: IF_MATCH,
      body: json(patchBody, {
        user: { city: 'Bordeaux', subscription: 'M', amount: '12.00', cause_id: '3', stripeToken: 'tok_visa' },
      }),
    },
    responses: {
      200: json(resource(profile), { data: profileExample, version: 4 }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/invitations',
    tags,
    summary: 'Invite contacts; the member’s sponsor code is issued once and shown every time',
    security: [SECURITY.memberToken, SECURITY.memberBearer],
    request: {
      headers: IDEMPOTENCY_KEY,
      body: json(invitationsBody, {
        contacts: [
          {
            email: 'allan@example.org',
            first_name: 'Allan',
            last_name: 'Floury',
            city: 'Bordeaux',
            phone: '0102030405',
          },
        ],
      }),
    },
    responses: {
      201: json(
        z.object({
          data: z.object({ nb_contacts: z.number().int(), sponsoring_done: z.boolean(), code_sponsor: z.string() }),
        }),
        { data: { nb_contacts: 3, sponsoring_done: true, code_sponsor: 'GOODSPONSOR7KQ2MX' } },
      ),
    },
  });
}
