import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { Received } from '../../support/receiver.js';

/**
 * Whether a delivery is signed as seed 004 says (checked by openssl on the exact bytes against the public key) and
 * as Standard Webhooks says (with the subscription's secret).
 */
export function verifiedDelivery(delivery: Received, receiverUrl: string, publicKeyPem: string, secret: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gs-fulfil-hook-'));
  const file = (name: string, bytes: string | Buffer) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  };
  const signed = Buffer.concat([
    Buffer.from(`${String(delivery.headers['expires-at'])}|${receiverUrl}|`),
    delivery.body,
    Buffer.from('|'),
  ]);
  const openssl = execFileSync('openssl', [
    'dgst',
    '-sha256',
    '-verify',
    file('public.pem', publicKeyPem),
    '-signature',
    file('signature', Buffer.from(String(delivery.headers.signature), 'base64')),
    file('signed', signed),
  ])
    .toString()
    .trim();
  const standard = Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => [h, String(delivery.headers[h])]),
  );
  let standardOk = true;
  try {
    new Webhook(secret).verify(delivery.body.toString('utf8'), standard);
  } catch {
    standardOk = false;
  }
  return { openssl, standardOk };
}
