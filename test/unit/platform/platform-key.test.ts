import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { platformKeyFromPem } from '../../../src/platform/signing-key.js';

describe('the platform signing key', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const key = platformKeyFromPem(pem);
  const parts = ['1767225600', 'https://hooks.example.org/goodstream', '{"id":"evt_1","type":"member.registered"}'];

  it('when signed on the thread pool, then the signature is the one signed inline (PKCS#1 v1.5 is deterministic) and verifies', async () => {
    const inline = key.signParts(parts);
    const pooled = await key.signPartsAsync(parts);
    expect(pooled).toBe(inline);
    expect(key.verifyParts(parts, pooled)).toBe(true);
    expect(key.verifyParts([...parts.slice(0, 2), '{"tampered":true}'], pooled)).toBe(false);
  });

  it('when many are signed at once, then each matches its own message', async () => {
    const messages = Array.from({ length: 20 }, (_, n) => [String(n), 'https://hooks.example.org', `{"n":${n}}`]);
    const signatures = await Promise.all(messages.map((m) => key.signPartsAsync(m)));
    signatures.forEach((signature, n) => expect(key.verifyParts(messages[n]!, signature)).toBe(true));
  });
});
