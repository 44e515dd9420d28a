import { expect } from 'vitest';
import { TEST_ADMIN_TOKEN, type TestApp } from '../../support/app.js';

export type Json = Record<string, unknown>;
export const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export interface HubProgram {
  readonly apiKey: string;
  readonly program: Record<string, string>;
  readonly key: Record<string, string>;
  readonly hub: Json;
}

let hosts = 0;
/** A unique host per call, so test files and runs never meet on the platform-wide host claim. */
export const freshHost = (): string => `club-${process.pid}-${Date.now()}-${hosts++}.example`;

/**
 * A program through the admin route (its fields overridden by `program`) and its hub through POST /v1/hub, with the
 * hub's fields overridden by `hub`.
 */
export async function programWithHub(app: TestApp, hub: Json = {}, program: Json = {}): Promise<HubProgram> {
  const created = (await app.createProgram({ name: 'Hub program', ...program })).data as {
    api_key: string;
    api_secret: string;
  };
  const credentials = { 'Api-Key': created.api_key, 'Api-Secret': created.api_secret };
  const answer = await app.request('POST', '/v1/hub', {
    headers: credentials,
    body: {
      name: 'Les Arcades',
      country: 'FR',
      phoneRequired: true,
      emailRequired: false,
      customerExternalIdRequired: false,
      dataRetrievalMethod: ['paymentCard'],
      host: freshHost(),
      mainLanguage: 'fr',
      ...hub,
    },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return {
    apiKey: created.api_key,
    program: credentials,
    key: { 'Api-Key': created.api_key },
    hub: answer.body.data as Json,
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A customer JWT through the SMS code: asked for, read from the sandbox outbox (it must be `code`), sent back. */
export async function signInByCode(app: TestApp, hub: HubProgram, phoneNumber: string, code: string) {
  const sent = await app.request('GET', '/v1/hub/auth/temporary-code', {
    headers: { ...hub.key, phoneNumber, countryCode: '33' },
  });
  expect(sent.status, JSON.stringify(sent.body)).toBe(204);
  const outbox = await app.request('GET', `/v1/admin/hub/outbox?to=%2B33${phoneNumber}`, { headers: ADMIN });
  const [sms] = outbox.body.data as Json[];
  const received = /(\d{6})/.exec(String(sms?.text))?.[1];
  expect(received).toBe(code);
  const answer = await app.request('POST', '/v1/hub/auth/temporary-code', {
    headers: hub.key,
    body: { phoneNumber, countryCode: 33, temporaryCode: received },
  });
  expect(answer.status).toBe(200);
  return answer.body.data as { customerId: string; token: string };
}
