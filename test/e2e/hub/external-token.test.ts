import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { startValidationServer, type ValidationServer } from '../../support/token-validation-server.js';
import { publishedKey } from '../../support/webhook-signature.js';
import { bearer, programWithHub, type HubProgram, type Json } from './support.js';

/*
 * getAccessToken and validateExternalToken against a program's validation end-point on loopback, which checks each
 * call's signature with openssl against the key the platform publishes.
 */
describe("hub sign-in with the program's own token (auth_api getAccessToken, validateExternalToken)", () => {
  let app: TestApp;
  let endpoint: ValidationServer;
  beforeAll(async () => {
    endpoint = await startValidationServer(
      () => publishedKey(app.baseUrl),
      (token, headers) => {
        if (token === 'good') return { status: 200, body: { customerExternalId: headers.customerexternalid } };
        if (token.startsWith('for:')) return { status: 200, body: { customerExternalId: token.slice(4) } };
        if (token === 'anonymous') return { status: 200, body: { ok: true } };
        return { status: 401, body: { code: 'invalidToken' } };
      },
    );
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  });
  afterAll(async () => {
    await app.stop();
    await endpoint.close();
  });

  const registered = async (hub: HubProgram, customerExternalId: string) => {
    const phoneNumber = `6${String(Date.now() % 100_000_000).padStart(8, '0')}`;
    const answer = await app.request('POST', '/v1/hub/auth/register', {
      headers: hub.key,
      body: { phoneNumber, countryCode: 33, customerExternalId },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return (answer.body.data as { customerId: string }).customerId;
  };
  const seedCode = (answer: { body: Json }) => ((answer.body.details as Json[] | undefined) ?? [])[0]?.code;

  it('getAccessToken: the end-point accepts (a customer JWT), refuses (401); an unknown customer 404', async () => {
    const hub = await programWithHub(app, {}, { external_token_validation_url: endpoint.url });
    const customerId = await registered(hub, 'ext-42');
    const ask = (headers: Record<string, string>) =>
      app.request('GET', '/v1/hub/auth/token', { headers: { ...hub.program, ...headers } });

    const accepted = await ask({ customerExternalId: 'ext-42', 'x-access-token': 'good' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const { token, expiresIn } = accepted.body.data as { token: string; expiresIn: number };
    expect(expiresIn).toBe(3600);
    const me = await app.request('GET', '/v1/hub/customer', { headers: bearer(token) });
    expect((me.body.data as Json).id).toBe(customerId);
    const call = endpoint.calls.at(-1)!;
    expect(call.openssl).toBe('Verified OK');
    expect(call.headers).toMatchObject({
      'x-access-token': 'good',
      'api-key': hub.apiKey,
      customerexternalid: 'ext-42',
    });

    expect((await ask({ customerId, 'x-access-token': 'good' })).status).toBe(200);
    const refused = await ask({ customerId, 'x-access-token': 'stolen' });
    expect(refused.status).toBe(401);
    expect(seedCode(refused)).toBe('invalidExternalToken');
    const unknown = await ask({ customerExternalId: 'nobody', 'x-access-token': 'good' });
    expect(unknown.status).toBe(404);
    expect(seedCode(unknown)).toBe('customerNotFound');
    expect((await ask({ customerExternalId: 'ext-42' })).status).toBe(422);
    // The Api-Key alone names the program; getAccessToken wants it proved.
    expect(
      (
        await app.request('GET', '/v1/hub/auth/token', {
          headers: { ...hub.key, customerId, 'x-access-token': 'good' },
        })
      ).status,
    ).toBe(401);
  });

  it('validateExternalToken: the answer names the customer; one that names nobody is 401', async () => {
    const hub = await programWithHub(app, {}, { external_token_validation_url: endpoint.url });
    const customerId = await registered(hub, 'ext-77');
    const validate = (externalToken: string) =>
      app.request('GET', `/v1/hub/auth/validate-external-token?externalToken=${encodeURIComponent(externalToken)}`, {
        headers: hub.key,
      });
    const accepted = await validate('for:ext-77');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const data = accepted.body.data as { token: string; customer: Json };
    expect(data.customer).toMatchObject({ id: customerId, customerExternalId: 'ext-77' });
    expect((await app.request('GET', '/v1/hub/customer', { headers: bearer(data.token) })).status).toBe(200);
    expect(endpoint.calls.at(-1)!.headers).not.toHaveProperty('customerexternalid');
    expect(endpoint.calls.at(-1)!.openssl).toBe('Verified OK');

    expect((await validate('anonymous')).status).toBe(401);
    expect((await validate('nope')).status).toBe(401);
    expect(seedCode(await validate('for:someone-else'))).toBe('customerNotFound');
  });

  it('an end-point that does not answer, or none configured, is 422 operation_refused, not 401', async () => {
    const down = await programWithHub(app, {}, { external_token_validation_url: 'http://127.0.0.1:9/validate' });
    const none = await programWithHub(app);
    for (const hub of [down, none]) {
      const customerId = await registered(hub, `ext-${hub.apiKey.slice(-6)}`);
      const answer = await app.request('GET', '/v1/hub/auth/token', {
        headers: { ...hub.program, customerId, 'x-access-token': 'good' },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.error_name).toBe('operation_refused');
      expect(seedCode(answer)).toBe('externalTokenValidationUnavailable');
    }
  });
});
