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

/** A program through the admin route and its hub through POST /v1/hub, with the hub's fields overridden by `hub`. */
export async function programWithHub(app: TestApp, hub: Json = {}): Promise<HubProgram> {
  const created = (await app.createProgram({ name: 'Hub program' })).data as { api_key: string; api_secret: string };
  const program = { 'Api-Key': created.api_key, 'Api-Secret': created.api_secret };
  const answer = await app.request('POST', '/v1/hub', {
    headers: program,
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
  return { apiKey: created.api_key, program, key: { 'Api-Key': created.api_key }, hub: answer.body.data as Json };
}
