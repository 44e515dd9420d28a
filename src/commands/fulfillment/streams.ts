import { createHash } from 'node:crypto';

/* Every stream name of fulfillment: a stream's name is stored with its events, so these never change. */

export const rewardStream = (sku: string): string => `catalogreward-${sku}`;
export const promotionStream = (promotionId: string): string => `promotion-${promotionId}`;
export const orderStream = (orderId: string): string => `order-${orderId}`;
/** A promotion token's stream, `<promotion id>:<token digest>` → `promotiontoken-<uuidv5(promotion, digest)>`. */
export const tokenStream = (key: string): string => {
  const [promotionId = '', digest = ''] = key.split(':');
  return `promotiontoken-${uuidV5(promotionId, digest)}`;
};

/** RFC 9562 UUID version 5 (SHA-1) of `name` in the `namespace` uuid. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An order's id: the uuid v5 of the program's `order_id` in the namespace of the program's id. */
export const orderIdFor = (programId: string, clientOrderId: string): string => uuidV5(programId, clientOrderId);
