import type { CustomerCommand } from '../../../domain/hub/customers/customer.js';
import type { CommandDeps } from '../../shared/aggregate.js';
import type { CommandContext } from '../../shared/command.js';
import { customers } from './aggregate.js';

export type PaymentMethod = Omit<Extract<CustomerCommand, { type: 'Subscribe' }>['data'], 'now'>;

/** A payment method for the customer: the first completes the subscription (flow 1.4), a later one is linked (1.7). */
export function subscribeCustomer(
  deps: CommandDeps,
  customerId: string,
  method: PaymentMethod,
  context: CommandContext,
) {
  return customers.run(deps, customerId, context, ({ now }) => ({ type: 'Subscribe', data: { ...method, now } }));
}
