import type { Knex } from 'knex';
import type { TokenEvent } from '../../domain/fulfillment/tokens/events.js';

/** A token's own stream moves its status in its promotion's list (a status set twice is the same status). */
export async function applyToken(trx: Knex.Transaction, parsed: TokenEvent): Promise<void> {
  const where = { promotion_id: parsed.data.promotionId, digest: parsed.data.tokenDigest };
  const status = parsed.type === 'PromotionTokenRedeemed' ? 'redeemed' : 'revoked';
  await trx('rm_fulfillment_tokens').where(where).update({ status });
}
