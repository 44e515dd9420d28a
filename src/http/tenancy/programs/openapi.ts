import { errorResponses, IF_MATCH, json, registry, resource, z } from '../../openapi/registry.js';
import { PROGRAM_SECURITY, SECURITY } from '../../openapi/security.js';
import { currency, dateTime, money, uuid } from '../../openapi/wire.js';
import { createProgramBody, signingKeyBody, tokenBody } from './schemas.js';

const tags = ['Programs'];

const settingsExample = {
  currency: 'EUR',
  cause_share_percent: 80,
  card_fee_percent: '2.90',
  card_fee_fixed: '0.30',
  external_token_validation_url: null,
};
const programExample = {
  id: '6c1f2a4e-9b3d-4f7a-8e21-5d0c9b8a7f61',
  name: 'CforGood Bordeaux',
  api_key: 'pk_3f9a0c1d2e4b5a6978d0e1f2a3b4c5d6',
  ...settingsExample,
  signing_key: null,
  created_at: '2026-11-22T10:00:00.000Z',
};
/** Documents the programs' paths and their Program component in the registry. */
export function documentPrograms(): void {
  const program = registry.register(
    'Program',
    z.object({
      id: uuid,
      name: z.string(),
      api_key: z.string(),
      currency,
      cause_share_percent: z.number().int().min(0).max(100),
      card_fee_percent: money,
      card_fee_fixed: money,
      external_token_validation_url: z.url().nullable(),
      signing_key: z
        .object({
          key_id: z
            .string()
            .regex(/^[0-9a-f]{64}$/)
            .openapi({ description: "SHA-256 of the key's DER, in hex" }),
          public_key: z.string(),
          registered_at: dateTime,
        })
        .nullable(),
      created_at: dateTime,
    }),
  );

  registry.registerPath({
    method: 'post',
    path: '/v1/admin/programs',
    tags,
    summary: 'Create a program; its api_secret is shown this once',
    security: [SECURITY.admin],
    request: { body: json(createProgramBody, { name: 'CforGood Bordeaux', ...settingsExample }) },
    responses: {
      201: json(resource(program.extend({ api_secret: z.string() })), {
        data: { ...programExample, api_secret: 'sk_Zx8…' },
        version: 0,
      }),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/oauth/token',
    tags,
    summary: 'A bearer token for the program (client credentials), as JSON or a form',
    security: [SECURITY.keySecret, SECURITY.basic],
    request: { body: json(tokenBody, { grant_type: 'client_credentials' }) },
    responses: {
      200: json(z.object({ access_token: z.string(), token_type: z.enum(['Bearer']), expires_in: z.number().int() }), {
        access_token: 'eyJhbGciOiJFUzI1NiIsImtpZCI6…',
        token_type: 'Bearer',
        expires_in: 3600,
      }),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/program',
    tags,
    summary: 'The authenticated program and its settings',
    security: PROGRAM_SECURITY,
    responses: { 200: json(resource(program), { data: programExample, version: 0 }), ...errorResponses(404) },
  });

  registry.registerPath({
    method: 'put',
    path: '/v1/program/signing-key',
    tags,
    summary: "Register the RSA public key (PEM, ≥ 2048 bits) that signs the program's requests",
    security: PROGRAM_SECURITY,
    request: {
      headers: IF_MATCH,
      body: json(signingKeyBody, {
        public_key:
          '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwfc…\n-----END PUBLIC KEY-----\n',
      }),
    },
    responses: {
      200: json(resource(program), { data: programExample, version: 1 }),
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/.well-known/jwks.json',
    tags,
    summary: "The public keys that verify goodstream's JWTs, each with its kid",
    responses: {
      200: json(
        z.object({
          keys: z.array(
            z.object({
              kty: z.enum(['EC']),
              crv: z.enum(['P-256']),
              x: z.string(),
              y: z.string(),
              kid: z.string(),
              alg: z.enum(['ES256']),
              use: z.enum(['sig']),
            }),
          ),
        }),
        {
          keys: [
            {
              kty: 'EC',
              crv: 'P-256',
              x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
              y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
              kid: 'k1',
              alg: 'ES256',
              use: 'sig',
            },
          ],
        },
      ),
    },
  });
}
