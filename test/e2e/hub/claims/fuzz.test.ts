import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, type Receiver } from '../../../support/receiver.js';
import { CODE } from '../connections/support.js';
import { bearer } from '../support.js';
import { day, jpeg, scanCustomer, scanHub, type ScanHub } from '../receipts/support.js';

/* Hostile claim bodies from a customer and from a program: never a 5xx, and a refusal files nothing. */

const anything = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', '-5.00', '5.00', '-0.001', '-1e309', 'NaN', '\u202e', '𝕏', '\u0000'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
const money = fc.integer({ min: -99_999, max: 99_999 }).map((n) => (n / 100).toFixed(2));
const date = fc.constantFrom(day(-1), day(-3), day(-30), day(10), '2026-02-30', '20261201', '1970-01-01');
const base64 = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
  fc.constant(jpeg(256).toString('base64')),
  fc.constantFrom('====', 'not base64!', '%PDF', ''),
);

const claimBody = fc.oneof(
  fc.record(
    {
      storeId: maybe(fc.constantFrom('U-1', 'A-1', 'B-2', 'NOPE', '00000000-0000-0000-0000-000000000000')),
      amount: maybe(fc.oneof(money, fc.double({ min: -1000, max: 1000, noNaN: true }))),
      transactionDate: maybe(date),
      externalId: maybe(fc.string({ maxLength: 300 })),
      additionalFeedback: maybe(fc.string({ maxLength: 300 })),
      attachment: maybe(base64),
      currency: maybe(fc.constantFrom('EUR', 'eur', 'EURO')),
    },
    { requiredKeys: [] },
  ),
  anything,
);

describe('fuzzed claim bodies over HTTP', () => {
  let app: TestApp;
  let receiver: Receiver;
  let hub: ScanHub;
  let token: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      SMS_SANDBOX_CODE: CODE,
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    hub = await scanHub(app, receiver, 'mall-fuzz-claims');
    token = (await scanCustomer(app, hub, '6')).token;
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const claims = async () =>
    Number((await app.knex('rm_hub_claims').where({ hub_id: hub.hubId }).count<{ n: string }[]>({ n: '*' }))[0]?.n);

  it('never answers 5xx, and a refused claim leaves no claim behind', async () => {
    await fc.assert(
      fc.asyncProperty(claimBody, fc.boolean(), async (body, asProgram) => {
        const before = await claims();
        const answer = await app.request('POST', '/v1/hub/claims', {
          headers: asProgram ? hub.program : bearer(token),
          body,
        });
        expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
        if (answer.status !== 201) expect(await claims()).toBe(before);
        else expect(['pending', 'validated', 'rejected']).toContain((answer.body.data as { status: string }).status);
      }),
      { numRuns: 80 },
    );
  });
});
