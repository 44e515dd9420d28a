import {
  errorResponses,
  IDEMPOTENCY_KEY,
  IF_MATCH,
  json,
  pathId,
  PROGRAM_SECURITY,
  registry,
  resource,
  SECURITY,
  z,
} from '../../openapi/registry.js';
import { currency, date, dateTime, money, uuid } from '../../openapi/wire.js';
import { invitationsBody } from '../invitations/schemas.js';
import { patchBody, registerBody } from './schemas.js';

const tags = ['Members'];
const idParam = pathId('0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41');

const profileExample = {
  id: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41',
  email: 'fred@example.org',
  first_name: 'Fred',
  last_name: 'Pétris',
  name: 'Fred Pétris',
  ambassador: false,
  picture: null,
  member: true,
  trial_done: false,
  birthday: '1981-01-01T00:00:00+01:00',
  subscription: 'M',
  amount: '12.00',
  currency: 'EUR',
  street: 'Rue Marsan',
  zipcode: '33300',
  city: 'Bordeaux',
  phone: null,
  code_partner: 'GIFT3MONTH',
  status: 'Abonné depuis le 16 mars 2017',
  supervisor_attributes: null,
  business_supervisor_attributes: null,
  cause_attributes: {
    id: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f',
    name: 'Ecolo Info',
    city: 'National',
    picture: null,
    logo: null,
    total_donation: '32.14',
  },
  donation_attributes: [
    {
      cause_name: 'Ecolo Info',
      created_at: '2017-03-16T15:49:28.000Z',
      subscription: 'M',
      amount: '12.00',
      donation: '9.60',
      currency: 'EUR',
    },
  ],
  trial_attributes: { date_end_partner: '2017-06-06T09:27:36.000Z', partner_name: 'Cforgood' },
  gift_attributes: null,
  uses_without_feedback: [
    {
      id: '5d1f0b8e-6a57-4f0e-9a3e-8f2d1c7b5a41',
      perk_name: 'Un cookie offert',
      business_name: 'Label Terre',
      created_at: '2017-02-06T09:27:36.000Z',
    },
  ],
  created_at: '2017-03-16T15:48:07.000Z',
};

/** Documents the members', sessions' and invitations' paths and the Profile component in the registry. */
export function documentMembers(): void {
  const profile = registry.register(
    'MemberProfile',
    z.object({
      id: uuid,
      email: z.string(),
      first_name: z.string(),
      last_name: z.string(),
      name: z.string(),
      ambassador: z.boolean(),
      picture: z.string().nullable(),
      member: z.boolean().openapi({
        description: 'true while a subscription is paid up (not past due), or a partner trial or gift runs',
      }),
      trial_done: z.boolean(),
      birthday: z
        .union([date, dateTime])
        .nullable()
        .openapi({ description: 'as it was written: a date or a date-time' }),
      subscription: z.enum(['M', 'Y']).nullable(),
      amount: money.nullable().openapi({ description: 'per period, two decimals' }),
      currency: currency.nullable(),
      street: z.string().nullable(),
      zipcode: z.string(),
      city: z.string(),
      phone: z.string().nullable(),
      code_partner: z.string().nullable(),
      status: z
        .string()
        .regex(/^(Non abonné|Abonné depuis le .+|Paiement en retard depuis le .+)$/)
        .openapi({
          description: '"Abonné depuis le …", "Paiement en retard depuis le …" (a declined renewal) or "Non abonné"',
        }),
      supervisor_attributes: z.null(),
      business_supervisor_attributes: z.null(),
      cause_attributes: z
        .object({
          id: uuid,
          name: z.string().optional(),
          city: z.string().nullable().optional(),
          picture: z.string().nullable().optional(),
          logo: z.string().nullable().optional(),
          total_donation: money.openapi({
            description: 'given to the cause by all the program’s members, two decimals',
          }),
        })
        .nullable()
        .openapi({ description: 'name, city, picture and logo once the catalogue knows the cause' }),
      donation_attributes: z.array(
        z.object({
          cause_name: z.string().nullable(),
          created_at: dateTime,
          subscription: z.enum(['M', 'Y']),
          amount: money.openapi({ description: 'paid for the period' }),
          donation: money.openapi({
            description: 'given to the cause: the program’s cause share of amount, rounded down to the cent',
          }),
          currency,
        }),
      ),
      trial_attributes: z.object({ date_end_partner: dateTime, partner_name: z.string().nullable() }).nullable(),
      gift_attributes: z
        .object({
          nb_month_beneficiary: z.number().int(),
          date_end_gift: dateTime,
          partner_name: z.string().nullable(),
        })
        .nullable(),
      uses_without_feedback: z.array(
        z.object({ id: uuid, perk_name: z.string(), business_name: z.string(), created_at: dateTime }),
      ),
      created_at: dateTime,
    }),
  );

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
