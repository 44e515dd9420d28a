import { generateKeyPairSync, sign } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram, DEFAULT_SETTINGS, type CreatedProgram } from '../../../src/commands/tenancy/create-program.js';
import { registerSigningKey } from '../../../src/commands/tenancy/register-signing-key.js';
import { errorHandler, notFoundHandler } from '../../../src/http/errors.js';
import { tenancyRoutes } from '../../../src/http/tenancy/routes.js';
import { loadJwtKeys } from '../../../src/platform/jwt-keys.js';
import { allProjections } from '../../../src/contexts.js';
import { ProjectionRunner } from '../../../src/projections/runner.js';
import { openTestInfra, type TestInfra } from '../../support/infra.js';
import { systemClock } from '../../../src/platform/clock.js';

/** The tenancy router alone on an express app with the error handler, no JSON parser in front of it. */
describe('the tenancy router on its own', () => {
  let infra: TestInfra;
  let runner: ProjectionRunner;
  let server: Server;
  let base: string;
  let program: CreatedProgram;

  beforeAll(async () => {
    infra = await openTestInfra();
    runner = new ProjectionRunner(allProjections, {
      knex: infra.knex,
      store: infra.store,
      databaseUrl: infra.url,
      logger: infra.logger,
      pollMs: 20,
    });
    runner.start();
    const config = { ADMIN_TOKEN: undefined, PUBLIC_BASE_URL: undefined, READ_YOUR_WRITES_TIMEOUT_MS: 5000 };
    const app = express();
    app.use(
      tenancyRoutes({
        knex: infra.knex,
        store: infra.store,
        clock: systemClock,
        runner,
        config,
        jwtKeys: await loadJwtKeys(infra.knex),
      }),
    );
    app.use(notFoundHandler);
    app.use(errorHandler(infra.logger));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    program = await createProgram(
      { store: infra.store, clock: systemClock },
      { name: 'Form', settings: DEFAULT_SETTINGS },
      'admin',
    );
    expect(await runner.waitFor(program.position!, ['programs'], 5000)).toBe(true);
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await runner?.stop();
    await infra?.close();
  });

  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${base}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });

  it('when grant_type=client_credentials comes as a form with Basic, then a token is issued that reads the program', async () => {
    const basic = `Basic ${Buffer.from(`${program.apiSecret}:`).toString('base64')}`;
    const response = await post({ Authorization: basic }, 'grant_type=client_credentials');
    expect(response.status).toBe(200);
    const { access_token: token } = (await response.json()) as { access_token: string };
    const read = await fetch(`${base}/v1/program`, { headers: { Authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { id: string } }).data.id).toBe(program.id);
  });

  it('when a signed request carries a body no parser read, then the signature is checked over the bytes read by the authenticator', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = await registerSigningKey(
      { store: infra.store, clock: systemClock },
      program.id,
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      { actor: 'test' },
    );
    expect(await runner.waitFor(key.position!, ['programs'], 5000)).toBe(true);
    const body = '{"public_key" : "x"}';
    const put = (signedBody: string) => {
      const expiresAt = String(Math.floor(Date.now() / 1000) + 60);
      const signature = sign(
        'sha256',
        Buffer.from(`${expiresAt}|PUT|${base}/v1/program/signing-key|${signedBody}|`),
        privateKey,
      ).toString('base64');
      return fetch(`${base}/v1/program/signing-key`, {
        method: 'PUT',
        headers: {
          'Content-Type': 'application/json',
          'Api-Key': program.apiKey,
          'Expires-at': expiresAt,
          Signature: signature,
        },
        body,
      });
    };
    // Authenticated, then refused by validation: no parser gave the route a body.
    expect((await put(body)).status).toBe(422);
    expect((await put('{"public_key":"x"}')).status).toBe(401);
  });

  it('when the form names another grant, then 422; when no admin token is configured, then the admin route is 401', async () => {
    const response = await post(
      { 'Api-Key': program.apiKey, 'Api-Secret': program.apiSecret },
      'grant_type=password&username=x',
    );
    expect(response.status).toBe(422);
    const admin = await fetch(`${base}/v1/admin/programs`, {
      method: 'POST',
      headers: { Authorization: 'Bearer anything-at-all-0123456789' },
    });
    expect(admin.status).toBe(401);
  });
});
