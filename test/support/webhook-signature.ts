import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Received } from './receiver.js';

/**
 * What `openssl dgst -sha256 -verify` prints for an RSA-SHA256 signature (base64) over `signed`: `Verified OK` when
 * it holds, its complaint otherwise.
 */
export function opensslVerify(publicKeyPem: string, signed: string | Buffer, signatureBase64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gs-verify-'));
  const file = (name: string, bytes: string | Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  try {
    return execFileSync('openssl', [
      'dgst',
      '-sha256',
      '-verify',
      file('public.pem', publicKeyPem),
      '-signature',
      file('signature', Buffer.from(signatureBase64, 'base64')),
      file('signed', signed),
    ])
      .toString()
      .trim();
  } catch (error) {
    // openssl exits 1 on a bad signature and prints why.
    return String((error as { stdout?: Buffer }).stdout ?? error).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DeliveryVerdict {
  /** What `openssl dgst -sha256 -verify` printed: `Verified OK` when seed 004's signature holds. */
  readonly openssl: string;
  /** Whether the `standardwebhooks` package accepts the Standard Webhooks headers with the subscription's secret. */
  readonly standardOk: boolean;
}

/**
 * Checks a webhook delivery both ways a subscriber would: seed 004's RSA signature over
 * `Expires-at|url|body|` on the exact bytes, by the openssl command line against the published public key, and
 * Standard Webhooks' HMAC with the subscription's secret, by the `standardwebhooks` package.
 */
export function verifyDelivery(
  delivery: Received,
  { receiverUrl, publicKeyPem, secret }: { receiverUrl: string; publicKeyPem: string; secret: string },
): DeliveryVerdict {
  const signed = Buffer.concat([
    Buffer.from(`${String(delivery.headers['expires-at'])}|${receiverUrl}|`),
    delivery.body,
    Buffer.from('|'),
  ]);
  const openssl = opensslVerify(publicKeyPem, signed, String(delivery.headers.signature));
  const headers = Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(delivery.headers[h])]),
  );
  let standardOk = true;
  try {
    new Webhook(secret).verify(delivery.body.toString('utf8'), headers);
  } catch {
    standardOk = false;
  }
  return { openssl, standardOk };
}

/** The platform's public key as a subscriber gets it: from the published route. */
export const publishedKey = async (baseUrl: string): Promise<string> =>
  (await fetch(`${baseUrl}/v1/webhooks/public-key`)).text();
