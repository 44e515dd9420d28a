import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../support/app.js';
import { startReceiver, type Receiver } from '../../../support/receiver.js';
import { CODE } from '../connections/support.js';
import { bearer } from '../support.js';
import { jpeg, scanCustomer, scanHub, type ScanHub } from './support.js';

/*
 * Malformed multipart bodies (truncated boundaries, huge headers, many parts, wrong boundaries, random bytes): never a
 * 5xx, and nothing stored unless a receipt was created.
 */

const BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';
const part = (headers: string, body: Buffer) =>
  Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), body, Buffer.from('\r\n')]);
const image = (filename: string, bytes: Buffer) =>
  part(`Content-Disposition: form-data; name="image"; filename="${filename}"\r\nContent-Type: image/jpeg`, bytes);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

const filename = fc.constantFrom(
  'A-1_4.20_20261201.jpg',
  'x.jpg',
  'notaticket.png',
  '../../etc/passwd',
  '"quoted".jpg',
  '',
);
const fileBytes = fc.oneof(
  fc.constant(jpeg(512)),
  fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
  fc.constant(Buffer.from('%PDF-1.7\n')),
  fc.constant(Buffer.alloc(0)),
);

/** A body and the Content-Type it is sent with. */
const multipart: fc.Arbitrary<{ body: Buffer; type: string }> = fc.oneof(
  // Well formed, with a file that may or may not be an image.
  fc
    .tuple(filename, fileBytes)
    .map(([f, b]) => ({ body: Buffer.concat([image(f, b), end]), type: `multipart/form-data; boundary=${BOUNDARY}` })),
  // Truncated anywhere.
  fc.tuple(filename, fileBytes, fc.nat()).map(([f, b, cut]) => {
    const whole = Buffer.concat([image(f, b), end]);
    return { body: whole.subarray(0, cut % whole.length), type: `multipart/form-data; boundary=${BOUNDARY}` };
  }),
  // A huge part header.
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => ({
    body: Buffer.concat([
      part(`Content-Disposition: form-data; name="image"; filename="${'a'.repeat(n)}.jpg"`, jpeg(64)),
      end,
    ]),
    type: `multipart/form-data; boundary=${BOUNDARY}`,
  })),
  // Many parts, the image last.
  fc.integer({ min: 20, max: 400 }).map((n) => ({
    body: Buffer.concat([
      ...Array.from({ length: n }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, Buffer.from('v'))),
      image('x.jpg', jpeg(64)),
      end,
    ]),
    type: `multipart/form-data; boundary=${BOUNDARY}`,
  })),
  // Many header lines in one part.
  fc.integer({ min: 10, max: 2_000 }).map((n) => ({
    body: Buffer.concat([
      part(
        [
          'Content-Disposition: form-data; name="image"; filename="x.jpg"',
          ...Array.from({ length: n }, (_, i) => `X-H${i}: v`),
        ].join('\r\n'),
        jpeg(64),
      ),
      end,
    ]),
    type: `multipart/form-data; boundary=${BOUNDARY}`,
  })),
  // A boundary the body does not use, none at all, or a bad one.
  fc
    .tuple(
      fileBytes,
      fc.constantFrom(
        'multipart/form-data; boundary=other',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/mixed; boundary=' + BOUNDARY,
      ),
    )
    .map(([b, type]) => ({ body: Buffer.concat([image('x.jpg', b), end]), type })),
  // Random bytes.
  fc
    .uint8Array({ maxLength: 2048 })
    .map((b) => ({ body: Buffer.from(b), type: `multipart/form-data; boundary=${BOUNDARY}` })),
);

describe('fuzzed multipart uploads over HTTP', () => {
  let app: TestApp;
  let receiver: Receiver;
  let hub: ScanHub;
  let token: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({
      HUB_STORE_LISTS_EVERY_MS: '3600000',
      SMS_SANDBOX_CODE: CODE,
      WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    hub = await scanHub(app, receiver, 'mall-fuzz-receipts');
    token = (await scanCustomer(app, hub, '6')).token;
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  const count = async (table: string) => Number((await app.knex(table).count<{ n: string }[]>({ n: '*' }))[0]?.n);

  it('never answers 5xx, and stores nothing unless a receipt was created', async () => {
    await fc.assert(
      fc.asyncProperty(multipart, async ({ body, type }) => {
        const [receipts, blobs] = [await count('rm_hub_receipts'), await count('hub_blobs')];
        const response = await fetch(`${app.baseUrl}/v1/hub/customer/receipts`, {
          method: 'POST',
          headers: { ...bearer(token), 'Content-Type': type },
          body: new Uint8Array(body),
        });
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        if (response.status !== 201) {
          expect(await count('rm_hub_receipts')).toBe(receipts);
          expect(await count('hub_blobs')).toBe(blobs);
        }
      }),
      { numRuns: 120 },
    );
  });
});
