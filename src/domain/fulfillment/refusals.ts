import { DomainError } from '../shared/errors.js';

/** Why an order is refused: the detail's message names the cause, as the contract lists them. */
export type OrderRefusal = 'promotion_not_ready' | 'reward_unavailable' | 'out_of_stock' | 'budget_exceeded';

export const orderRefused = (cause: OrderRefusal, field: string, message: string): DomainError =>
  new DomainError('operation_refused', `the order is refused: ${cause}`, [{ field, message: cause }, { message }]);

export const invalid = (field: string, message: string): DomainError =>
  new DomainError('invalid_request', message, [{ field, message }]);
