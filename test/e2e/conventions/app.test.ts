import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const url = (path: string): string => `${app.baseUrl}${path}`;

interface ErrorBody {
  error_name: string;
  error_message: string;
  details: { field?: string; message: string }[];
}

async function expectError(response: Response, status: number, errorName: string): Promise<ErrorBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as ErrorBody;
  expect(body.error_name).toBe(errorName);
  expect(typeof body.error_message).toBe('string');
  expect(Array.isArray(body.details)).toBe(true);
  return body;
}

describe('the whole app, over HTTP', () => {
  describe('X-Request-Id', () => {
    it('when the client sends one, then it is echoed', async () => {
      const response = await fetch(url('/info'), { headers: { 'X-Request-Id': 'client-req-42' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('client-req-42');
    });

    it('when the client sends none (or a bad one), then a fresh id is generated', async () => {
      const a = await fetch(url('/info'));
      const b = await fetch(url('/nowhere'), { headers: { 'X-Request-Id': 'bad id with spaces' } });
      expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
    });
  });

  describe('content negotiation', () => {
    it('when Accept is application/json; pretty=true, then the JSON is indented', async () => {
      const pretty = await fetch(url('/info'), { headers: { Accept: 'application/json; pretty=true' } });
      const text = await pretty.text();
      expect(pretty.status).toBe(200);
      expect(text).toMatch(/^\{\n {2}"name": "goodstream",\n/);
      const plain = await (await fetch(url('/info'), { headers: { Accept: 'application/json' } })).text();
      expect(plain).not.toContain('\n');
      expect(JSON.parse(plain)).toMatchObject({ name: 'goodstream' });
    });

    it('when pretty=true is asked on an error, then the error envelope is indented too', async () => {
      const response = await fetch(url('/nowhere'), { headers: { Accept: 'application/json;pretty=true' } });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('\n  "error_name": "not_found"');
    });

    it('when Accept admits no JSON, then 406 not_acceptable', async () => {
      await expectError(await fetch(url('/health'), { headers: { Accept: 'text/html' } }), 406, 'not_acceptable');
      await expectError(
        await fetch(url('/info'), { headers: { Accept: 'application/json;q=0, text/*' } }),
        406,
        'not_acceptable',
      );
    });

    it('when Accept is a wildcard or missing, then JSON is served', async () => {
      expect((await fetch(url('/info'), { headers: { Accept: '*/*' } })).status).toBe(200);
      expect((await fetch(url('/info'), { headers: { Accept: 'application/*' } })).status).toBe(200);
    });

    it('when /metrics is asked for text/plain, then it serves it; JSON only is 406', async () => {
      const metrics = await fetch(url('/metrics'), { headers: { Accept: 'text/plain' } });
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      await metrics.text();
      await expectError(
        await fetch(url('/metrics'), { headers: { Accept: 'application/json' } }),
        406,
        'not_acceptable',
      );
    });
  });

  describe('request bodies', () => {
    it('when the body is not JSON, then 400 bad_request', async () => {
      const response = await fetch(url('/v1/things'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"name": ',
      });
      await expectError(response, 400, 'bad_request');
    });

    it('when the Content-Type is not JSON, then 415 unsupported_media_type', async () => {
      const text = await fetch(url('/v1/things'), {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'hello',
      });
      await expectError(text, 415, 'unsupported_media_type');
      const form = await fetch(url('/health'), { method: 'POST', body: new URLSearchParams({ a: '1' }) });
      await expectError(form, 415, 'unsupported_media_type');
    });

    it('when a form is posted to the OAuth token endpoint, then its route gets it (no 415 there)', async () => {
      const response = await fetch(url('/v1/oauth/token'), {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      expect(response.status).not.toBe(415);
      expect(response.status).toBeLessThan(500);
      await response.body?.cancel();
    });

    it('when the body is over 1 MB, then 413 payload_too_large', async () => {
      const body = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) });
      const response = await fetch(url('/v1/things'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      await expectError(response, 413, 'payload_too_large');
    });

    it('when the body is just under 1 MB, then it is parsed (and the unknown route answers 404)', async () => {
      const body = JSON.stringify({ blob: 'x'.repeat(1000 * 1000) });
      const response = await fetch(url('/v1/things'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      await expectError(response, 404, 'not_found');
    });
  });

  describe('routing', () => {
    it('when the path does not exist, then 404 not_found', async () => {
      await expectError(await fetch(url('/v1/no-such-thing')), 404, 'not_found');
    });

    it('when the path exists but not the method, then 405 method_not_allowed with Allow', async () => {
      const response = await fetch(url('/health'), { method: 'DELETE' });
      await expectError(response, 405, 'method_not_allowed');
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      const post = await fetch(url('/info'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      await expectError(post, 405, 'method_not_allowed');
    });

    it('when OPTIONS is asked of an existing path, then 204 with Allow', async () => {
      const response = await fetch(url('/info'), { method: 'OPTIONS' });
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    });
  });

  describe('rate limit on /v1', () => {
    it('when a /v1 request is answered, then it carries the RateLimit headers', async () => {
      const first = await fetch(url('/v1/no-such-thing'));
      const second = await fetch(url('/v1/no-such-thing'));
      expect(first.status).toBe(404);
      expect(Number(first.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
      expect(Number(second.headers.get('ratelimit-remaining'))).toBeLessThan(
        Number(first.headers.get('ratelimit-remaining')),
      );
      expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    });

    it('when a platform route is asked, then it is not limited', async () => {
      const response = await fetch(url('/info'));
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    });
  });
});
