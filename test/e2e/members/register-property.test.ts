import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

/** Strings a client might send: unicode, SQL-looking, huge, empty, control characters. */
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom("'; drop table rm_members; --", '" OR 1=1 --', '\u0000', '\u202e', '👩🏽‍💻'.repeat(20), '', ' '),
  fc.string({ minLength: 300, maxLength: 5000 }),
);
const value = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

const field = (valid: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: value });

const body = fc.oneof(
  value,
  fc.record({ user: value }),
  fc.record(
    {
      user: fc.record(
        {
          email: field(fc.emailAddress()),
          first_name: field(fc.string({ minLength: 1, maxLength: 20 })),
          last_name: field(fc.string({ minLength: 1, maxLength: 20 })),
          password: field(fc.string({ minLength: 8, maxLength: 30 })),
          city: field(fc.constantFrom('Bordeaux', 'Paris', 'Lyon')),
          zipcode: field(fc.constantFrom('33000', '75001')),
          birthday: field(fc.constantFrom('1981-01-01T00:00:00+01:00', '2000-02-29')),
          code_partner: field(fc.string({ maxLength: 12 })),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
);

describe('registration body, property-based', () => {
  let app: TestApp;
  let apiKey: string;
  beforeAll(async () => {
    app = await startTestApp();
    apiKey = String(((await app.createProgram({ name: 'Fuzz' })).data as { api_key: string }).api_key);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('never answers a 500, and every refusal uses the contract envelope', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const answer = await app.request('POST', '/v1/members', { headers: { 'Api-Key': apiKey }, body: payload });
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) {
          expect(answer.body).toMatchObject({
            error_name: expect.any(String) as unknown,
            error_message: expect.any(String) as unknown,
          });
          expect([400, 409, 413, 422]).toContain(answer.status);
        } else {
          expect(answer.status).toBe(201);
        }
      }),
      {
        numRuns: 150,
        // Seen failing once: PostgreSQL cannot store U+0000, so it must be refused before it gets there.
        examples: [
          [
            {
              user: {
                email: 'nul@example.org',
                first_name: 'A\u0000B',
                last_name: 'x',
                password: '12345678',
                city: 'c',
                zipcode: 'z',
              },
            },
          ],
        ],
      },
    );
  });
});
