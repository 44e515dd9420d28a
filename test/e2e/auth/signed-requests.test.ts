import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basic,
  call,
  inSeconds,
  json,
  keyAndSecret,
  openAuthFixture,
  pemOf,
  rsaKeys,
  signed,
  type AuthFixture,
  type CreatedProgram,
  type Listening,
} from '../../support/auth-fixture.js';

describe('program authentication over HTTP: signed requests', () => {
  let fixture: AuthFixture;
  let api: Listening;
  let proxied: Listening;
  let a: CreatedProgram;
  let b: CreatedProgram;
  beforeAll(async () => {
    fixture = await openAuthFixture();
    ({ api, proxied, a, b } = fixture);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  describe('signed requests', () => {
    const keysA = rsaKeys();
    const keysB = rsaKeys();
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gs-sign-'));
      for (const [program, keys] of [
        [a, keysA],
        [b, keysB],
      ] as const) {
        const answer = await call(
          api.base,
          'PUT',
          '/v1/program/signing-key',
          { ...keyAndSecret(program), ...json },
          JSON.stringify({ public_key: pemOf(keys.publicKey) }),
        );
        expect(answer.status).toBe(200);
      }
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('when a program registers a key, then the program shows its id at the next version; a stale If-Match is 412; a weak key 422', async () => {
      const read = await call(api.base, 'GET', '/v1/program', keyAndSecret(a));
      expect(read.body).toMatchObject({
        version: 1,
        data: {
          signing_key: {
            key_id: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
            public_key: pemOf(keysA.publicKey),
          },
        },
      });
      const stale = await call(
        api.base,
        'PUT',
        '/v1/program/signing-key',
        { ...keyAndSecret(a), ...json, 'If-Match': '"0"' },
        JSON.stringify({ public_key: pemOf(rsaKeys().publicKey) }),
      );
      expect(stale.status).toBe(412);
      const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
      const refused = await call(
        api.base,
        'PUT',
        '/v1/program/signing-key',
        { ...keyAndSecret(a), ...json },
        JSON.stringify({ public_key: pemOf(weak) }),
      );
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ error_name: 'invalid_request', details: [{ field: 'public_key' }] });
    });

    it('when a GET is signed by node, then it is accepted', async () => {
      const answer = await call(
        api.base,
        'GET',
        '/v1/program?x=1',
        signed(a.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program?x=1`),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.data!.id).toBe(a.id);
    });

    it('when the signature is made with the openssl command line, then it is accepted', async () => {
      execFileSync('openssl', ['genrsa', '-out', join(dir, 'private.pem'), '2048'], { stdio: 'ignore' });
      execFileSync('openssl', ['rsa', '-pubout', '-in', join(dir, 'private.pem'), '-out', join(dir, 'public.pem')], {
        stdio: 'ignore',
      });
      const body = JSON.stringify({ public_key: readFileSync(join(dir, 'public.pem'), 'utf8') });
      const registered = await call(
        api.base,
        'PUT',
        '/v1/program/signing-key',
        { ...basic(b.apiSecret), ...json },
        body,
      );
      expect(registered.status).toBe(200);

      const expiresAt = inSeconds(60);
      writeFileSync(join(dir, 'message.txt'), `${expiresAt}|GET|${api.base}/v1/program||`);
      const signature = execFileSync('openssl', [
        'dgst',
        '-sha256',
        '-sign',
        join(dir, 'private.pem'),
        join(dir, 'message.txt'),
      ]).toString('base64');
      const answer = await call(api.base, 'GET', '/v1/program', {
        'Api-Key': b.apiKey,
        'Expires-at': expiresAt,
        Signature: signature,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.data!.id).toBe(b.id);

      const back = await call(
        api.base,
        'PUT',
        '/v1/program/signing-key',
        { ...basic(b.apiSecret), ...json },
        JSON.stringify({ public_key: pemOf(keysB.publicKey) }),
      );
      expect(back.status).toBe(200);
    });

    it('when a PUT body is signed byte for byte, then it is accepted; the same signature over a tampered body is 401', async () => {
      const body = `{"public_key":  ${JSON.stringify(pemOf(keysA.publicKey))} , "note": "é"}`;
      const url = `${api.base}/v1/program/signing-key`;
      const headers = signed(a.apiKey, keysA.privateKey, 'PUT', url, body);
      expect((await call(api.base, 'PUT', '/v1/program/signing-key', { ...headers, ...json }, body)).status).toBe(200);
      const tampered = body.replace('"é"', '"e"');
      const answer = await call(api.base, 'PUT', '/v1/program/signing-key', { ...headers, ...json }, tampered);
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toContain('Signature');
    });

    it('when Expires-at is past, more than an hour ahead or not a timestamp, then 403 even with a valid signature', async () => {
      const url = `${api.base}/v1/program`;
      for (const expiresAt of [inSeconds(-5), inSeconds(3700), 'tomorrow']) {
        const answer = await call(
          api.base,
          'GET',
          '/v1/program',
          signed(a.apiKey, keysA.privateKey, 'GET', url, '', expiresAt),
        );
        expect(answer.status).toBe(403);
        expect(answer.body.error_name).toBe('forbidden');
      }
    });

    it('when the signature is forged, covers another Expires-at, method or URL, or is garbage, then 401', async () => {
      const url = `${api.base}/v1/program`;
      const forged = signed(a.apiKey, rsaKeys().privateKey, 'GET', url);
      const moved = { ...signed(a.apiKey, keysA.privateKey, 'GET', url), 'Expires-at': inSeconds(120) };
      const otherMethod = signed(a.apiKey, keysA.privateKey, 'POST', url);
      const otherUrl = signed(a.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program?admin=1`);
      const garbage = { ...signed(a.apiKey, keysA.privateKey, 'GET', url), Signature: 'not base64 at all' };
      for (const headers of [forged, moved, otherMethod, otherUrl, garbage]) {
        expect((await call(api.base, 'GET', '/v1/program', headers)).status).toBe(401);
      }
    });

    it("when program A's key is sent with B's signature, or the signature without Expires-at, then 401", async () => {
      const url = `${api.base}/v1/program`;
      const crossed = signed(a.apiKey, keysB.privateKey, 'GET', url);
      expect((await call(api.base, 'GET', '/v1/program', crossed)).status).toBe(401);
      const { 'Expires-at': _dropped, ...incomplete } = signed(a.apiKey, keysA.privateKey, 'GET', url);
      expect((await call(api.base, 'GET', '/v1/program', incomplete)).status).toBe(401);
    });

    it('when a program has no signing key, then its signed requests are 401', async () => {
      const fresh = await fixture.createProgram('No key yet');
      const answer = await call(
        api.base,
        'GET',
        '/v1/program',
        signed(fresh.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program`),
      );
      expect(answer.status).toBe(401);
    });

    it('when PUBLIC_BASE_URL is set, then the signature covers that URL and not the address the proxy called', async () => {
      const path = '/v1/program?page=2';
      const good = await call(
        proxied.base,
        'GET',
        path,
        signed(a.apiKey, keysA.privateKey, 'GET', `https://api.goodstream.test${path}`),
      );
      expect(good.status).toBe(200);
      const local = await call(
        proxied.base,
        'GET',
        path,
        signed(a.apiKey, keysA.privateKey, 'GET', `${proxied.base}${path}`),
      );
      expect(local.status).toBe(401);
    });

    it('when Api-Secret is sent beside a valid signature, then the signature alone decides', async () => {
      const headers = {
        ...signed(a.apiKey, keysA.privateKey, 'GET', `${api.base}/v1/program`),
        'Api-Secret': 'sk_not_needed',
      };
      expect((await call(api.base, 'GET', '/v1/program', headers)).status).toBe(200);
    });
  });
});
