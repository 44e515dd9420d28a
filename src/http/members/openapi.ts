import { errorResponses, json, PROGRAM_SECURITY, registry, resource, SECURITY, z } from '../openapi/registry.js';
import { patchBody, registerBody } from './schemas.js';

const tags = ['Members'];
const idParam = z.object({ id: z.string().uuid().openapi({ example: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41' }) });

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
  cause_attributes: { id: '3' },
  donation_attributes: [],
  trial_attributes: null,
  gift_attributes: null,
  uses_without_feedback: [],
  created_at: '2017-03-16T15:48:07.000Z',
};

const profile = registry.register(
  'MemberProfile',
  z.object({
    id: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    name: z.string(),
    ambassador: z.boolean(),
    picture: z.string().nullable(),
    member: z.boolean().openapi({ description: 'true while a subscription is active' }),
    trial_done: z.boolean(),
    birthday: z.string().nullable(),
    subscription: z.enum(['M', 'Y']).nullable(),
    amount: z.string().nullable().openapi({ description: 'per period, two decimals' }),
    currency: z.string().nullable(),
    street: z.string().nullable(),
    zipcode: z.string(),
    city: z.string(),
    phone: z.string().nullable(),
    code_partner: z.string().nullable(),
    status: z.string(),
    supervisor_attributes: z.null(),
    business_supervisor_attributes: z.null(),
    cause_attributes: z.object({ id: z.string() }).nullable(),
    donation_attributes: z.array(z.object({})),
    trial_attributes: z.null(),
    gift_attributes: z.null(),
    uses_without_feedback: z.array(z.object({})),
    created_at: z.string(),
  }),
);

registry.registerPath({
  method: 'get',
  path: '/v1/members/exists',
  tags,
  summary: 'Whether an email is registered in the program',
  security: [SECURITY.apiKey],
  request: { query: z.object({ email: z.string().openapi({ example: 'fred@example.org' }) }) },
  responses: { 200: json(z.object({ data: z.object({ email: z.string() }) }), { data: { email: 'fred@example.org' } }), ...errorResponses(401, 404, 422) },
});

registry.registerPath({
  method: 'post',
  path: '/v1/members',
  tags,
  summary: 'Register a member',
  security: [SECURITY.apiKey],
  request: {
    headers: z.object({ 'Idempotency-Key': z.string().max(255).optional() }),
    body: json(registerBody, { user: { email: 'zaz@example.org', first_name: 'zaz', last_name: 'doe', password: '123nuage', city: 'Bordeaux', zipcode: '33300', code_partner: 'LABELTERRE' } }),
  },
  responses: { 201: json(resource(z.object({ id: z.string() })), { data: { id: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41' }, version: 0 }), ...errorResponses(401, 409, 422) },
});

registry.registerPath({
  method: 'post',
  path: '/v1/sessions',
  tags,
  summary: 'Sign in with email and password, or with an access_token the program validates',
  security: [SECURITY.apiKey],
  request: {
    body: json(z.object({ email: z.string(), password: z.string().optional(), access_token: z.string().optional() }), { email: 'fred@example.org', password: 'mot de passe' }),
  },
  responses: {
    201: json(
      z.object({ data: z.object({ id: z.string(), email: z.string(), authentication_token: z.string(), access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number() }) }),
      { data: { id: '0b9f2b8e-6a57-4f0e-9a3e-8f2d1c7b5a41', email: 'fred@example.org', authentication_token: 'ARIDO3557Z0Z0Z…', access_token: 'eyJhbGciOiJFUzI1NiIs…', token_type: 'Bearer', expires_in: 3600 } },
    ),
    ...errorResponses(401, 422),
  },
});

registry.registerPath({
  method: 'delete',
  path: '/v1/sessions',
  tags,
  summary: 'Sign out: the token and its access_token stop working',
  security: [SECURITY.memberToken, SECURITY.memberBearer],
  responses: { 204: { description: 'signed out' }, ...errorResponses(401) },
});

registry.registerPath({
  method: 'get',
  path: '/v1/members/{id}',
  tags,
  summary: 'A member’s profile (the member, or the program)',
  security: [SECURITY.memberToken, SECURITY.memberBearer, ...PROGRAM_SECURITY],
  request: { params: idParam },
  responses: { 200: json(resource(profile), { data: profileExample, version: 3 }), ...errorResponses(401, 404) },
});

registry.registerPath({
  method: 'patch',
  path: '/v1/members/{id}',
  tags,
  summary: 'Update the profile; subscription M or Y subscribes, X stops the subscription and changes nothing else',
  security: [SECURITY.memberToken, SECURITY.memberBearer],
  request: {
    params: idParam,
    headers: z.object({ 'If-Match': z.string().optional().openapi({ example: '"3"' }) }),
    body: json(patchBody, { user: { city: 'Bordeaux', subscription: 'M', amount: '12.00', cause_id: '3', stripeToken: 'tok_visa' } }),
  },
  responses: { 200: json(resource(profile), { data: profileExample, version: 4 }), ...errorResponses(401, 404, 412, 422) },
});
