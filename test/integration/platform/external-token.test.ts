import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExternalToken } from '../../../src/platform/external-token.js';
import { platformKeyFromPem } from '../../../src/platform/signing-key.js';
import { startValidationServer, type ValidationServer } from '../../support/token-validation-server.js';

/* The call to a program's validation end-point, against a real loopback server that checks it with openssl. */

const key = platformKeyFromPem(
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);
const LOOPBACK = { allowPrivate: true, timeoutMs: 500 };

describe('checkExternalToken', () => {
  let server: ValidationServer;
  beforeAll(async () => {
    server = await startValidationServer(
      () => Promise.resolve(key.publicKeyPem),
      (token) => {
        if (token === 'slow') return { status: 200, delayMs: 2000 };
        return token === 'good' ? { status: 200, body: { customerExternalId: 'ext-1' } } : { status: 401 };
      },
    );
  });
  afterAll(() => server.close());

  it('when the end-point accepts the token, then its JSON answer comes back, the call signed as seed 004 says', async () => {
    const answer = await checkExternalToken(
      key,
      { url: server.url, apiKey: 'pk_1', accessToken: 'good', customerExternalId: 'ext-1' },
      LOOPBACK,
    );
    expect(answer).toEqual({ outcome: 'accepted', status: 200, body: { customerExternalId: 'ext-1' } });
    const call = server.calls.at(-1)!;
    expect(call.openssl).toBe('Verified OK');
    expect(call.headers).toMatchObject({
      'x-access-token': 'good',
      'api-key': 'pk_1',
      customerexternalid: 'ext-1',
      accept: 'application/json',
      'signature-key-id': key.kid,
    });
    expect(Number(call.headers['expires-at']) - Date.now() / 1000).toBeGreaterThan(30);
  });

  it('when it answers another status, then it is refused; without customerExternalId no such header is sent', async () => {
    const answer = await checkExternalToken(key, { url: server.url, apiKey: 'pk_1', accessToken: 'bad' }, LOOPBACK);
    expect(answer).toEqual({ outcome: 'refused', status: 401 });
    expect(server.calls.at(-1)!.headers).not.toHaveProperty('customerexternalid');
  });

  it('when it does not answer in time, or nobody listens, then it is unreachable', async () => {
    const slow = await checkExternalToken(key, { url: server.url, apiKey: 'pk_1', accessToken: 'slow' }, LOOPBACK);
    expect(slow).toMatchObject({ outcome: 'unreachable', reason: expect.stringContaining('500 ms') as unknown });
    const closed = await checkExternalToken(
      key,
      { url: 'http://127.0.0.1:9/validate', apiKey: 'pk_1', accessToken: 'good' },
      LOOPBACK,
    );
    expect(closed.outcome).toBe('unreachable');
  });

  it('when the URL names a private address and private ones are not allowed, then nothing is called', async () => {
    const before = server.calls.length;
    const answer = await checkExternalToken(key, { url: server.url, apiKey: 'pk_1', accessToken: 'good' });
    expect(answer.outcome).toBe('unreachable');
    expect(server.calls).toHaveLength(before);
  });
});
