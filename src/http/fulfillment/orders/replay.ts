import type { PlaceOrderInput } from '../../../commands/fulfillment/place-order.js';
import type { RewardState } from '../../../domain/fulfillment/rewards/reward.js';
import { sha256Hex } from '../../../platform/crypto.js';
import type { OrderRow } from '../../../projections/fulfillment/orders/queries.js';

/** The value an omitted `reward.value` stands for: a fixed reward's face value, when this process knows the reward. */
function impliedValue(reward: RewardState | undefined) {
  if (reward?.status !== 'listed' || reward.fields.denominationType !== 'fixed') return undefined;
  return { amount: reward.fields.faceValue, currency: reward.fields.currency };
}

/**
 * Whether a create request is a replay of the order in `row`, answered from the read model as a GET would answer it:
 * the same body (the leaves the order decider compares), and an order with nothing left to retry (a failed or a
 * processing one is asked of the provider again). false sends the request down the command path, which decides it
 * exactly: another body's 409 with its details, a retry, or an order the read model does not show yet.
 */
export function isPlainReplay(row: OrderRow, input: PlaceOrderInput, reward: RewardState | undefined): boolean {
  if (row.status === 'failed' || row.status === 'processing') return false;
  const value = input.value ?? impliedValue(reward);
  const email = input.user?.email ?? null;
  const user = {
    id: input.user?.id ?? null,
    emailDigest: email === null ? null : sha256Hex(email.toLowerCase()),
    firstName: input.user?.firstName ?? null,
    lastName: input.user?.lastName ?? null,
  };
  return (
    value !== undefined &&
    Number(row.value) === value.amount &&
    row.currency === value.currency &&
    row.promotion_id === input.promotionId &&
    row.sku === input.sku &&
    row.delivery_method === input.deliveryMethod &&
    row.user_id === user.id &&
    row.user_email_digest === user.emailDigest &&
    row.user_first_name === user.firstName &&
    row.user_last_name === user.lastName
  );
}
