import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxBankId } from '../../../../src/commands/hub/banks/banks.js';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { bearer, programWithHub, signInByCode, type HubProgram } from '../support.js';

/* Hostile callback bodies and consent-page queries: never a 5xx, and a refused callback creates no connection. */

const CODE = '123456';
const BANK = sandboxBankId('Sandbox Bank');
const anything = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('', '?', 'code=&state=', 'code=a.b&state=c', 'error=x', '%E0%A4%A', 'state=\u202e', '𝕏'),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, anything);
/** A value as it would travel in a query string. */
const asText = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
const query = (fields: object): string =>
  new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, asText(v)])).toString();
const codeLike = fc
  .tuple(fc.base64String({ maxLength: 40 }), fc.base64String({ maxLength: 20 }))
  .map(([a, b]) => `${a}.${b}`);
const queryString = fc
  .record({ code: maybe(codeLike), state: maybe(fc.string({ maxLength: 60 })), error: fc.option(fc.string()) })
  .map((q) => query(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== null))));
const callbackBody = fc.oneof(
  fc.record(
    {
      bankId: maybe(fc.constantFrom(BANK, '00000000-0000-4000-8000-000000000000')),
      queryString: maybe(queryString),
      redirectUri: maybe(fc.webUrl()),
    },
    { requiredKeys: [] },
  ),
  anything,
);

describe('fuzzed bank-connection bodies over HTTP', () => {
  let app: TestApp;
  let hub: HubProgram;
  let token: string;
  let customerId: string;
  beforeAll(async () => {
    app = await startTestApp({ SMS_SANDBOX_CODE: CODE });
    hub = await programWithHub(app);
    await app.request('PUT', `/v1/hub/banks/${BANK}`, { headers: hub.program });
    const phoneNumber = `6${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    await app.request('POST', '/v1/hub/auth/register', { headers: hub.key, body: { phoneNumber, countryCode: 33 } });
    ({ token, customerId } = await signInByCode(app, hub, phoneNumber, CODE));
  });
  afterAll(async () => {
    await app.stop();
  });

  /** Every body the arbitrary gives, POSTed to `path`, is refused with a 4xx. */
  const refusesAll = (bodies: fc.Arbitrary<unknown>, path: string, headers: Record<string, string>) =>
    fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const answer = await app.request('POST', path, { headers, body });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );

  it('when callback bodies are hostile, then 4xx only and the customer has no connection', async () => {
    await refusesAll(callbackBody, '/v1/hub/customer/bank-connections/callback', bearer(token));
    const listed = await app.request('GET', '/v1/hub/customer/connections', { headers: bearer(token) });
    expect(listed.body.data).toEqual([]);
  });

  it('when registration callback bodies are hostile, then 4xx only and no connection', async () => {
    const registrationBody = fc.oneof(
      fc.record(
        {
          customerId: maybe(fc.constant(customerId)),
          bankId: maybe(fc.constantFrom(BANK, '00000000-0000-4000-8000-000000000000')),
          dataProviderConnectionId: maybe(fc.string({ maxLength: 300 })),
          queryString: maybe(queryString),
          redirectUri: maybe(fc.webUrl()),
        },
        { requiredKeys: [] },
      ),
      anything,
    );
    await refusesAll(registrationBody, '/v1/hub/auth/bank-connection-callback', { ...hub.key, ...bearer(token) });
    const listed = await app.request('GET', '/v1/hub/customer/connections', { headers: bearer(token) });
    expect(listed.body.data).toEqual([]);
  });

  it('when re-authorisation, simulation and decoupled-verify bodies are hostile, then 4xx only', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const body = fc.oneof(
      fc.record(
        {
          credentials: maybe(fc.record({ login: maybe(fc.string()), password: maybe(fc.string()) })),
          redirectUri: maybe(fc.webUrl()),
          chosenAuthModel: maybe(fc.constantFrom('redirect', 'decoupled')),
          psuId: maybe(fc.string()),
          queryString: maybe(queryString),
          simulateInvalidCredentials: maybe(fc.boolean()),
          decoupledDetails: maybe(codeLike),
        },
        { requiredKeys: [] },
      ),
      anything,
    );
    const calls = fc.constantFrom(
      ['PATCH', `/v1/hub/customer/bank-connections/${unknown}`, 'customer'],
      ['POST', `/v1/hub/customer/bank-connections/${unknown}/callback`, 'customer'],
      ['PATCH', `/v1/hub/bank-connections/${unknown}`, 'program'],
      ['PATCH', '/v1/hub/bank-connections/not-an-id', 'program'],
      ['POST', '/v1/hub/auth/decoupled-connection/verify', 'program'],
    );
    await fc.assert(
      fc.asyncProperty(calls, body, async ([method, path, who], sent) => {
        const headers = who === 'customer' ? bearer(token) : hub.program;
        const answer = await app.request(method, path, { headers, body: sent });
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
  });

  it('when consent-page queries are hostile, then a form, a 302 or a 422, never a 5xx', async () => {
    const queries = fc.record(
      {
        state: maybe(fc.string({ maxLength: 60 })),
        redirect_uri: maybe(fc.webUrl()),
        login: maybe(fc.constantFrom('sandbox-ok', 'sandbox-invalid', 'nobody')),
        password: maybe(fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(queries, async (q) => {
        const answer = await fetch(`${app.baseUrl}/v1/hub/sandbox/bank/authorize?${query(q)}`, { redirect: 'manual' });
        expect([200, 302, 422]).toContain(answer.status);
      }),
      { numRuns: 60 },
    );
  });
});
