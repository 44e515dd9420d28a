/** The API's security schemes and the requirements its operations name; registry.ts registers the schemes. */
export type Requirement = Record<string, string[]>;
const requirement = (...schemes: string[]): Requirement => Object.fromEntries(schemes.map((s) => [s, []]));

export const SECURITY = {
  keySecret: requirement('apiKey', 'apiSecret'),
  basic: requirement('basic'),
  programBearer: requirement('programBearer'),
  signed: requirement('apiKey', 'signature', 'expiresAt'),
  apiKey: requirement('apiKey'),
  memberToken: requirement('apiKey', 'userEmail', 'userToken'),
  memberBearer: requirement('memberBearer'),
  admin: requirement('admin'),
};

export const PROGRAM_SECURITY: Requirement[] = [
  SECURITY.keySecret,
  SECURITY.basic,
  SECURITY.programBearer,
  SECURITY.signed,
];

/** The operations apps call with the Api-Key alone, and the program with any of its schemes. */
export const API_KEY_SECURITY: Requirement[] = [SECURITY.apiKey, ...PROGRAM_SECURITY];

/** A credential sent in a header of its own. */
const header = (name: string, description?: string) =>
  ({ type: 'apiKey', in: 'header', name, ...(description === undefined ? {} : { description }) }) as const;
const bearer = (description: string, bearerFormat?: string) =>
  ({ type: 'http', scheme: 'bearer', ...(bearerFormat === undefined ? {} : { bearerFormat }), description }) as const;

export const SECURITY_SCHEMES = {
  apiKey: header('Api-Key', 'Identifies the program; not a secret.'),
  apiSecret: header('Api-Secret', "The program's secret, shown once at creation."),
  basic: { type: 'http', scheme: 'basic', description: 'base64(api_secret:) with an empty password.' },
  programBearer: bearer('From POST /v1/oauth/token.', 'JWT'),
  memberBearer: bearer('The access_token of POST /v1/sessions.', 'JWT'),
  admin: bearer('The ADMIN_TOKEN of the configuration.'),
  userEmail: header('X-User-Email'),
  userToken: header('X-User-Token', 'The authentication_token of POST /v1/sessions.'),
  signature: header(
    'Signature',
    'base64 RSA-SHA256 over `Expires-at|METHOD|full_url|body|` with the key registered at PUT /v1/program/signing-key.',
  ),
  expiresAt: header('Expires-at', 'UNIX seconds, at most one hour ahead.'),
} as const;
