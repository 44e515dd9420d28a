import { randomUUID } from 'node:crypto';
import { TEST_ADMIN_TOKEN, type Answer, type TestApp } from '../../support/app.js';

export type Json = Record<string, unknown>;

export interface Program {
  readonly headers: Record<string, string>;
  get(path: string, extra?: Record<string, string>): Promise<Answer>;
  post(path: string, body: unknown, extra?: Record<string, string>): Promise<Answer>;
  patch(path: string, body: unknown, extra?: Record<string, string>): Promise<Answer>;
}

export const admin = (app: TestApp) => ({
  post: (path: string, body: unknown) =>
    app.request('POST', path, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` }, body }),
  patch: (path: string, body: unknown, extra: Record<string, string> = {}) =>
    app.request('PATCH', path, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...extra }, body }),
});

/** A new program with its key and secret. */
export async function newProgram(app: TestApp, name = 'Fulfillment program'): Promise<Program> {
  const data = (await app.createProgram({ name })).data as Json;
  const headers = { 'Api-Key': String(data.api_key), 'Api-Secret': String(data.api_secret) };
  return {
    headers,
    get: (path, extra = {}) => app.request('GET', path, { headers: { ...headers, ...extra } }),
    post: (path, body, extra = {}) => app.request('POST', path, { headers: { ...headers, ...extra }, body }),
    patch: (path, body, extra = {}) => app.request('PATCH', path, { headers: { ...headers, ...extra }, body }),
  };
}

/** A stock-managed reward of its own (a fresh sku), listed by the operator. */
export async function newReward(app: TestApp, fields: Json = {}): Promise<string> {
  const sku = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
  const answer = await admin(app).post('/v1/admin/rewards', {
    data: {
      sku,
      name: 'Test gift card 10 EUR',
      provider: { id: 'sandbox', name: 'Sandbox' },
      denomination_type: 'fixed',
      face_value: '10.00',
      currency: 'EUR',
      countries: ['FR'],
      media: ['code', 'pdf'],
      ...fields,
    },
  });
  if (answer.status !== 201)
    throw new Error(`listing a reward answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return sku;
}

/** A running promotion offering `skus`, with `budget` (EUR). */
export async function newPromotion(program: Program, skus: readonly string[], budget = '1000.00', fields: Json = {}) {
  const answer = await program.post('/v1/promotions', {
    data: {
      name: 'Thank-you',
      start_datetime: '2020-01-01T00:00:00Z',
      end_datetime: '2099-01-01T00:00:00Z',
      rewards: skus.map((sku) => ({ sku })),
      authentication_systems: ['none'],
      budget: { amount: budget, currency: 'EUR' },
      ...fields,
    },
  });
  if (answer.status !== 201)
    throw new Error(`creating a promotion answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return (answer.body.data as Json).id as string;
}

export const orderBody = (promotionId: string, sku: string, extra: Json = {}) => ({
  data: {
    order_id: `ORD-${randomUUID()}`,
    promotion_id: promotionId,
    reward: { sku },
    delivery: { method: 'none' },
    ...extra,
  },
});
