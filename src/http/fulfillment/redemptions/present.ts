import type { RewardCode } from '../../../commands/fulfillment/provider.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { RedemptionRow } from '../../../projections/fulfillment/redemptions-queries.js';
import { amount } from '../common.js';

/**
 * A redemption as the API shows it to its program, with the order's codes opened here, at the edge; without `box`
 * (a webhook), no codes.
 */
export function presentRedemption(row: RedemptionRow, box?: SecretBox) {
  const codes = row.codes_sealed === null || !box ? null : (JSON.parse(box.open(row.codes_sealed)) as RewardCode[]);
  return {
    id: row.id,
    order: { id: row.order_uuid, order_id: row.client_order_id },
    promotion_id: row.promotion_id,
    reward: { sku: row.sku, name: row.reward_name },
    value: { amount: amount(row.value), currency: row.currency },
    user: row.user_id === null ? null : { id: row.user_id },
    authentication_system: row.authentication_system,
    token_hint: row.token_hint,
    reward_codes:
      codes === null
        ? null
        : {
            codes: codes.map((c) => ({ name: c.name, value: c.value, format: c.format, usage: c.usage })),
            expiration_datetime: null,
          },
    redeemed_datetime: row.redeemed_at.toISOString(),
  };
}
