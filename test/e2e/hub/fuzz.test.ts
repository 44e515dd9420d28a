import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { programWithHub, type HubProgram } from './support.js';

/* Hostile registration and store-list bodies: never a 5xx, and a refusal stores nothing (no event, no row, no key). */

const anything = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', ' ', '33', '+33', '0612345678', 'store', 'service', 'M', 'website', '1e309', '\u202e', '𝕏'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
const phone = fc.integer({ min: 600_000_001, max: 799_999_999 }).map(String);

const registrationBody = fc.record(
  {
    phoneNumber: maybe(phone),
    countryCode: maybe(fc.constantFrom(33, '33', 44, 1, 999)),
    email: maybe(fc.emailAddress()),
    customerExternalId: maybe(fc.string({ minLength: 1, maxLength: 120 })),
    firstName: maybe(fc.string({ maxLength: 120 })),
    birthDate: maybe(fc.constantFrom('1990-04-12', '2999-01-01', '1990-02-30', '12/04/1990')),
    gender: maybe(fc.constantFrom('M', 'F', 'X')),
    origin: maybe(fc.constantFrom('email', 'iOS-app', 'website', 'fax')),
    optins: maybe(fc.array(fc.record({ code: maybe(fc.string()), value: maybe(fc.boolean()) }), { maxLength: 3 })),
    referralInfo: maybe(fc.record({ referralCode: maybe(fc.string({ maxLength: 12 })) })),
    transactionsEligibleFromDate: maybe(fc.integer({ min: -1, max: 4_000_000_000 })),
    outsideOptIn: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);

const storeItem = fc.record(
  {
    externalId: maybe(fc.string({ minLength: 1, maxLength: 6 })),
    name: maybe(fc.string({ maxLength: 220 })),
    type: maybe(fc.constantFrom('store', 'service')),
    isOnline: maybe(fc.boolean()),
    country: maybe(fc.constantFrom('FR', 'fr', 'FRA')),
    patterns: maybe(fc.array(maybe(fc.string({ maxLength: 110 })), { maxLength: 3 })),
    active: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);
const storeListBody = fc.oneof(
  fc.record({ stores: fc.array(storeItem, { maxLength: 6 }) }),
  fc.record({ stores: anything }),
  anything,
);

describe('fuzzed hub bodies over HTTP', () => {
  let app: TestApp;
  let hub: HubProgram;
  beforeAll(async () => {
    app = await startTestApp({ HUB_STORE_LISTS_EVERY_MS: '3600000' });
    hub = await programWithHub(app, { emailRequired: false, phoneRequired: false });
  });
  afterAll(() => app.stop());

  /** Everything a request of this program can leave behind: its events and the rows kept beside them. */
  const footprint = async () => {
    const count = async (q: Knex.QueryBuilder) =>
      Number((await q.count<Array<{ count: string }>>({ count: '*' }))[0]?.count);
    const row = await app.knex('rm_hub_hubs').where({ id: hub.hub.id }).first<{ program_id: string }>('program_id');
    const programId = row.program_id;
    return {
      events: await count(app.knex('gs_events').whereRaw(`metadata->>'tenantId' = ?`, [programId])),
      keys: await count(app.knex('hub_customer_keys')),
      access: await count(app.knex('hub_customer_access')),
      lists: await count(app.knex('rm_hub_store_lists').where({ hub_id: hub.hub.id })),
    };
  };

  const refusalsStoreNothing = async (path: string, body: unknown, headers: Record<string, string>) => {
    const before = await footprint();
    const answer = await app.request('POST', path, { headers, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    if (answer.status >= 400) {
      expect(answer.body.error_name).toEqual(expect.any(String));
      expect(await footprint()).toEqual(before);
    }
    return answer.status;
  };

  it('registration: never 5xx; a refused body leaves no event, key or access row', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(registrationBody, async (body) => {
        statuses.add(await refusalsStoreNothing('/v1/hub/auth/register', body, hub.key));
      }),
      { numRuns: 120 },
    );
    // The fuzz reached both sides of the rules.
    expect(statuses).toContain(422);
  }, 240_000);

  it('store lists v1 and v2: never 5xx; a refused list leaves no event and no request row', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(storeListBody, fc.boolean(), async (body, v2) => {
        const path = v2 ? '/v1/hub/store-lists/v2' : '/v1/hub/store-lists';
        statuses.add(await refusalsStoreNothing(path, body, hub.program));
      }),
      { numRuns: 120 },
    );
    expect(statuses).toContain(422);
  }, 240_000);
});
