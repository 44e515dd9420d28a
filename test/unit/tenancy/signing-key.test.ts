import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normaliseRsaPublicKey } from '../../../src/commands/tenancy/register-signing-key.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { checkExpiresAt, signedMessage } from '../../../src/http/auth/signature.js';

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits });

function refusal(pem: string): DomainError {
  try {
    normaliseRsaPublicKey(pem);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('the key was accepted');
}

describe('a program signing key', () => {
  const { publicKey } = rsa(2048);

  it('when an RSA 2048 key is given as SPKI or PKCS#1 PEM, then both give the same SPKI PEM and key id', () => {
    const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const fromSpki = normaliseRsaPublicKey(spki);
    expect(fromSpki.publicKeyPem).toBe(spki);
    expect(fromSpki.keyId).toMatch(/^[0-9a-f]{64}$/);
    expect(normaliseRsaPublicKey(pkcs1)).toEqual(fromSpki);
  });

  it('when the key is RSA 1024, then it is refused as invalid_request on public_key', () => {
    const error = refusal(rsa(1024).publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(error.errorName).toBe('invalid_request');
    expect(error.details[0]).toMatchObject({
      field: 'public_key',
      message: expect.stringContaining('2048') as unknown,
    });
  });

  it('when the key is not RSA, or not a public key, or not PEM, then it is refused', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(refusal(ec).message).toMatch(/RSA/);
    expect(refusal(rsa(2048).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()).errorName).toBe(
      'invalid_request',
    );
    expect(refusal('-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n').errorName).toBe(
      'invalid_request',
    );
    expect(refusal('ssh-rsa AAAA').errorName).toBe('invalid_request');
  });
});

describe('a signed request', () => {
  const now = Date.UTC(2026, 10, 22, 20, 0, 0);
  const seconds = now / 1000;

  it('when Expires-at is now or within the hour, then it is accepted', () => {
    expect(checkExpiresAt(String(seconds), now)).toBeUndefined();
    expect(checkExpiresAt(String(seconds + 3600), now)).toBeUndefined();
  });

  it('when Expires-at is past, more than an hour ahead or not a number, then the problem is named', () => {
    expect(checkExpiresAt(String(seconds - 1), now)).toBe('expired');
    expect(checkExpiresAt(String(seconds + 3601), now)).toBe('too_far_ahead');
    expect(checkExpiresAt('2026-11-22T20:00:00Z', now)).toBe('malformed');
    expect(checkExpiresAt('', now)).toBe('malformed');
  });

  it('when the message is built, then it is Expires-at|METHOD|url|body| with the body bytes untouched', () => {
    const body = Buffer.from('{"customerId": "123",  "é": 1}');
    expect(signedMessage('1522249849', 'post', 'https://api.example/r?x=1', body).toString('utf8')).toBe(
      '1522249849|POST|https://api.example/r?x=1|{"customerId": "123",  "é": 1}|',
    );
    expect(signedMessage('1522249849', 'GET', 'https://api.example/r', Buffer.alloc(0)).toString()).toBe(
      '1522249849|GET|https://api.example/r||',
    );
  });
});
