import type { PlacedOrder } from '../../../domain/fulfillment/orders/order.js';
import { placedColumns, userColumns } from '../../../projections/fulfillment/orders/apply.js';
import type { OrderRow } from '../../../projections/fulfillment/orders/queries.js';

const dateOrNull = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/**
 * The read model's row an order's write-side state stands for at `version`: what the projection will hold once it
 * has applied the same events. Lets an answer (or a webhook) be built from the decided events without waiting.
 */
export function orderRowOf(state: PlacedOrder, version: bigint): OrderRow {
  const { order } = state;
  return {
    ...placedColumns(order),
    provider: order.provider,
    value: String(order.value),
    currency: order.currency,
    ...userColumns(order.user),
    delivery_method: order.deliveryMethod,
    status: state.orderStatus,
    codes_sealed: state.codesSealed,
    delivery_status: state.mail?.status ?? null,
    mail_send: state.mail?.send ?? null,
    mail_attempts: state.mail?.attempts ?? null,
    mail_retry_at: dateOrNull(state.mail?.retryAt ?? null),
    delivery_email_sealed:
      state.mail && state.mail.emailSealed !== order.user?.emailSealed ? state.mail.emailSealed : null,
    failure_reason: state.failureReason,
    claim_code_sealed: order.claimCodeSealed,
    redemption_url_template: null,
    testing: order.testing,
    created_at: new Date(order.placedAt),
    delivered_at: dateOrNull(state.deliveredAt),
    expires_at: dateOrNull(order.expiresAt),
    updated_at: new Date(state.updatedAt),
    version: version.toString(),
  };
}
