import { createHmac } from 'node:crypto';
import type { PlatformKey } from '../../platform/signing-key.js';

export interface SignedDelivery {
  readonly deliveryId: string;
  readonly sequence: number;
  readonly attemptNumber: number;
  readonly url: string;
  readonly body: string;
  /** The subscription's Standard Webhooks secret, `whsec_<base64>`. */
  readonly secret: string;
}

/** Standard Webhooks: base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
export function standardSignature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * The headers of seed 004 (`Expires-at` = now + 60 s, `Signature` = base64
 * RSA-SHA256 over `Expires-at|push_url|post_body|`, `AttemptNumber` from 0) and,
 * beside them, Standard Webhooks', so off-the-shelf verifiers work as well.
 */
export async function deliveryHeaders(
  delivery: SignedDelivery,
  key: PlatformKey,
  nowMs: number,
): Promise<Record<string, string>> {
  const now = Math.floor(nowMs / 1000);
  const expiresAt = String(now + 60);
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': 'goodstream-webhooks/1',
    'Expires-at': expiresAt,
    Signature: await key.signPartsAsync([expiresAt, delivery.url, delivery.body]),
    'Signature-Key-Id': key.kid,
    AttemptNumber: String(delivery.attemptNumber),
    'Webhook-Sequence': String(delivery.sequence),
    'webhook-id': delivery.deliveryId,
    'webhook-timestamp': String(now),
    'webhook-signature': standardSignature(delivery.secret, delivery.deliveryId, now, delivery.body),
  };
}
