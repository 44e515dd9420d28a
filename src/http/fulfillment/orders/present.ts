import type { RewardCode } from '../../../commands/fulfillment/provider.js';
import type { SecretBox } from '../../../platform/secret-box.js';
import type { OrderRow } from '../../../projections/fulfillment/orders/queries.js';
import { amount, iso } from '../common.js';

/**
 * An order as the API shows it to its program: codes and the recipient's email are opened here, at the edge, and
 * nowhere else. `withSecrets: false` leaves them out (webhooks carry no codes or redemption URLs).
 */
/** A link's URL: the promotion's template, else the claim page under `baseUrl`, with the claim code in it. */
function redemptionUrl(row: OrderRow, box: SecretBox, baseUrl: string): string | null {
  if (row.claim_code_sealed === null) return null;
  const template = row.redemption_url_template ?? `${baseUrl}/v1/claims/{claim_code}`;
  return template.replace('{claim_code}', encodeURIComponent(box.open(row.claim_code_sealed)));
}

export function presentOrder(row: OrderRow, box: SecretBox, baseUrl = '') {
  const codes = row.codes_sealed === null ? null : (JSON.parse(box.open(row.codes_sealed)) as RewardCode[]);
  const email = row.user_email_sealed === null ? null : box.open(row.user_email_sealed);
  const hasUser = row.user_id !== null || email !== null || row.user_first_name !== null || row.user_last_name !== null;
  return {
    id: row.id,
    order_id: row.order_id,
    testing: row.testing,
    status: row.status,
    promotion: { id: row.promotion_id, name: row.promotion_name },
    reward: { sku: row.sku, name: row.reward_name, provider: { id: row.provider.id, name: row.provider.name } },
    value: { amount: amount(row.value), currency: row.currency },
    user: hasUser ? { id: row.user_id, email, first_name: row.user_first_name, last_name: row.user_last_name } : null,
    delivery: {
      method: row.delivery_method,
      status: row.delivery_status,
      email:
        row.delivery_method !== 'email'
          ? null
          : row.delivery_email_sealed === null
            ? email
            : box.open(row.delivery_email_sealed),
      redemption_url: redemptionUrl(row, box, baseUrl),
    },
    reward_codes:
      codes === null
        ? null
        : {
            codes: codes.map((c) => ({ name: c.name, value: c.value, format: c.format, usage: c.usage })),
            expiration_datetime: null,
          },
    failure_reason: row.failure_reason,
    created_datetime: row.created_at.toISOString(),
    delivered_datetime: iso(row.delivered_at),
    expiration_datetime: iso(row.expires_at),
    updated_datetime: row.updated_at.toISOString(),
  };
}
