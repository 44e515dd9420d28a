import type { OrderCommand, OrderState } from '../../domain/fulfillment/orders/order.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { orders } from './aggregates.js';
import type { FulfillmentDeps } from './place-order.js';

type Deps = Pick<FulfillmentDeps, 'clock' | 'box' | 'provider'>;
export type ProviderOutcome = Extract<OrderCommand, { type: 'IssueCodes' | 'FailOrder' }>;

/** The provider's answer as the order's next command: its codes (sealed), its failure, or none yet (slow). */
export async function askProvider(
  deps: Deps,
  order: { readonly orderId: string; readonly sku: string; readonly placedAt: string },
): Promise<ProviderOutcome | undefined> {
  const now = deps.clock.now().toISOString();
  const answer = await deps.provider.issue({ orderId: order.orderId, sku: order.sku, placedAt: order.placedAt, now });
  if (answer.status === 'slow') return undefined;
  if (answer.status === 'failed') return { type: 'FailOrder', data: { reason: answer.reason, now } };
  return { type: 'IssueCodes', data: { codesSealed: deps.box.seal(JSON.stringify(answer.codes)), now } };
}

/**
 * A processing `none` order (or a claimed `link` one) asks the provider for its codes: issued → sealed into
 * OrderCodeIssued and delivered; failed → failed; slow → still processing (a replay asks again). Anything else is
 * answered as it is.
 */
export async function fulfil(
  deps: Deps & Pick<FulfillmentDeps, 'store'>,
  id: string,
  current: CommandResult<OrderState>,
  context: CommandContext,
): Promise<CommandResult<OrderState>> {
  const { state } = current;
  // An email order's codes are issued by the mail worker.
  if (state.status !== 'placed' || state.orderStatus !== 'processing' || state.order.deliveryMethod === 'email')
    return current;
  const outcome = await askProvider(deps, { ...state.order, orderId: id });
  if (!outcome) return current;
  const result = await orders.handle(id, outcome, { store: deps.store, context });
  return result.events.length > 0 ? result : { ...result, position: current.position };
}
