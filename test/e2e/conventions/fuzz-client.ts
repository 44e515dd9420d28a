import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../support/app.js';

/** An answer as it came: the status and the body's text, parsed when it is JSON. */
export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly json: unknown;
}

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

/** Sends bytes exactly as given (no JSON.stringify), so malformed and lying bodies reach the server. */
export async function send(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** The contract's error envelope, named by `name` when given. */
export function expectEnvelope(
  answer: RawAnswer,
  status?: number,
  name?: string,
): { error_name: string; details: Array<{ field?: string; message: string }> } {
  if (status !== undefined) expect(answer.status, answer.text).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  const body = answer.json as { error_name: unknown; error_message: unknown; details: unknown };
  expect(typeof body.error_name, answer.text).toBe('string');
  expect(typeof body.error_message).toBe('string');
  expect(Array.isArray(body.details)).toBe(true);
  if (name !== undefined) expect(body.error_name, answer.text).toBe(name);
  return body as { error_name: string; details: Array<{ field?: string; message: string }> };
}

/** The fields an `invalid_request` answer names. */
export const fieldsOf = (answer: RawAnswer): string[] => expectEnvelope(answer).details.map((d) => d.field ?? '');

export interface Credentials {
  readonly program: Record<string, string>;
  readonly apiKey: Record<string, string>;
  readonly member: Record<string, string>;
  readonly memberId: string;
  /** Seed 004's signed-request headers over this body (its text, as sent before any compression). */
  signed(method: string, path: string, body: string): Record<string, string>;
}

function signer(baseUrl: string, apiKey: string, privateKey: KeyObject): Credentials['signed'] {
  return (method, path, body) => {
    const expiresAt = String(Math.floor(Date.now() / 1000) + 60);
    const signature = sign(
      'sha256',
      Buffer.from(`${expiresAt}|${method}|${baseUrl}${path}|${body}|`, 'utf8'),
      privateKey,
    ).toString('base64');
    return { 'Api-Key': apiKey, 'Expires-at': expiresAt, Signature: signature };
  };
}

/** A program with its key, secret and signing key, and a signed-in member of it. */
export async function credentials(app: TestApp): Promise<Credentials> {
  const created = (await app.createProgram({ name: 'Fuzzed' })).data as { api_key: string; api_secret: string };
  const apiKey = { 'Api-Key': created.api_key };
  const program = { ...apiKey, 'Api-Secret': created.api_secret };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = await app.request('PUT', '/v1/program/signing-key', {
    headers: program,
    body: { public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  });
  if (key.status !== 200) throw new Error(`registering the signing key answered ${key.status}`);
  const user = {
    email: 'fuzz@example.org',
    first_name: 'Fuzz',
    last_name: 'Test',
    password: 'fuzz-password',
    city: 'Bordeaux',
    zipcode: '33000',
  };
  const registered = await app.request('POST', '/v1/members', { headers: apiKey, body: { user } });
  if (registered.status !== 201) throw new Error(`registering answered ${registered.status}`);
  const session = await app.request('POST', '/v1/sessions', {
    headers: apiKey,
    body: { email: user.email, password: user.password },
  });
  const data = session.body.data as { id: string; authentication_token: string };
  return {
    program,
    apiKey,
    member: { ...apiKey, 'X-User-Email': user.email, 'X-User-Token': data.authentication_token },
    memberId: data.id,
    signed: signer(app.baseUrl, created.api_key, privateKey),
  };
}
