import type { CustomerCommand } from '../../../domain/hub/customers/customer.js';
import { inputUseCase } from '../../shared/aggregate.js';
import { customers } from './aggregate.js';

export type PaymentMethod = Omit<Extract<CustomerCommand, { type: 'Subscribe' }>['data'], 'now'>;

/** A payment method for the customer: the first completes the subscription (flow 1.4), a later one is linked (1.7). */
export const subscribeCustomer = inputUseCase(customers, (method: PaymentMethod, { now }) => ({
  type: 'Subscribe' as const,
  data: { ...method, now },
}));
