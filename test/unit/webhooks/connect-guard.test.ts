import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpExternalTokenValidator } from '../../../src/platform/external-token.js';
import { createLogger } from '../../../src/platform/logger.js';
import { platformKeyFromPem } from '../../../src/platform/signing-key.js';
import { guardedLookup } from '../../../src/platform/url-guard.js';
import { postJson } from '../../../src/workers/webhooks/send.js';
import { startReceiver, type Receiver } from '../../support/receiver.js';

/**
 * A real loopback receiver: Node calls no custom `lookup` for an IP literal, so only an explicit check keeps a request
 * from it.
 */
let receiver: Receiver;
let port: string;

beforeAll(async () => {
  receiver = await startReceiver();
  port = new URL(receiver.url).port;
});
afterAll(async () => {
  await receiver?.close();
});

const literalForms = () => [
  `http://127.0.0.1:${port}/hook`,
  `http://[::ffff:127.0.0.1]:${port}/hook`,
  `http://[::ffff:0:127.0.0.1]:${port}/hook`,
  `http://[64:ff9b:1::7f00:1]:${port}/hook`,
];

describe('the SSRF guard at connection time', () => {
  it('when a webhook is posted to a private IP literal while private addresses are not allowed, then the attempt fails as refused and nothing reaches the receiver', async () => {
    for (const url of literalForms()) {
      const result = await postJson(url, {}, '{}', { timeoutMs: 2000, lookup: guardedLookup(false) });
      expect(result).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/^refused: .* is not a public address$/) as unknown,
      });
    }
    const byName = await postJson(`http://localhost:${port}/hook`, {}, '{}', {
      timeoutMs: 2000,
      lookup: guardedLookup(false),
    });
    expect(byName.error).toMatch(/refused: localhost resolves to/);
    const noLookup = await postJson(`http://127.0.0.1:${port}/hook`, {}, '{}', { timeoutMs: 2000 });
    expect(noLookup.error).toMatch(/refused/);
    expect(receiver.received).toHaveLength(0);
  });

  it('when private addresses are allowed, then the same literal is called', async () => {
    const result = await postJson(`http://127.0.0.1:${port}/hook`, {}, '{}', {
      timeoutMs: 2000,
      lookup: guardedLookup(true),
    });
    expect(result.statusCode).toBe(200);
    expect(receiver.received).toHaveLength(1);
  });

  it('when the external-token end-point is a private address, then it is not called unless private addresses are allowed', async () => {
    const key = platformKeyFromPem(
      generateKeyPairSync('rsa', { modulusLength: 2048 })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    );
    const request = (url: string) => ({ url, apiKey: 'pk_test', accessToken: 'token', customerExternalId: 'c1' });
    const strict = httpExternalTokenValidator(key, createLogger('silent'));
    const before = receiver.received.length;
    for (const url of [...literalForms(), `http://localhost:${port}/hook`])
      expect(await strict.validate(request(url))).toBe(false);
    expect(receiver.received).toHaveLength(before);
    const allowing = httpExternalTokenValidator(key, createLogger('silent'), { allowPrivate: true });
    expect(await allowing.validate(request(`http://127.0.0.1:${port}/validate`))).toBe(true);
    expect(receiver.received).toHaveLength(before + 1);
  });
});
