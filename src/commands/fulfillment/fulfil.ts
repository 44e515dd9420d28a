import type { OrderState } from '../../domain/fulfillment/orders/order.js';
import type { CommandContext, CommandResult } from '../shared/command.js';
import { orders } from './aggregates.js';
import type { FulfillmentDeps } from './place-order.js';

/**
 * A processing `none` order (or a claimed `link` one) asks the provider for its codes: issued → sealed into
 * OrderCodeIssued and delivered; failed → failed; slow → still processing (a replay asks again). Anything else is
 * answered as it is.
 */
export async function fulfil(
  deps: Pick<FulfillmentDeps, 'store' | 'clock' | 'box' | 'provider'>,
  id: string,
  current: CommandResult<OrderState>,
  context: CommandContext,
): Promise<CommandResult<OrderState>> {
  const { state } = current;
  // An email order's codes are issued by the mail worker.
  if (state.status !== 'placed' || state.orderStatus !== 'processing' || state.order.deliveryMethod === 'email')
    return current;
  const now = deps.clock.now().toISOString();
  const answer = await deps.provider.issue({ orderId: id, sku: state.order.sku, placedAt: state.order.placedAt, now });
  const options = { store: deps.store, context };
  if (answer.status === 'slow') return current;
  const result =
    answer.status === 'issued'
      ? await orders.handle(
          id,
          { type: 'IssueCodes', data: { codesSealed: deps.box.seal(JSON.stringify(answer.codes)), now } },
          options,
        )
      : await orders.handle(id, { type: 'FailOrder', data: { reason: answer.reason, now } }, options);
  return result.events.length > 0 ? result : { ...result, position: current.position };
}
