import type { Decider } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import { unknownConnection } from './connection.js';
import type { CardConnectionEvent } from './events.js';

type Linked = Extract<CardConnectionEvent, { type: 'CardConnectionLinked' }>['data'];

export type CardConnectionState =
  { readonly status: 'none' } | { readonly status: 'linked' | 'deleted'; readonly linked: Linked };

export type CardConnectionCommand =
  | { readonly type: 'LinkCard'; readonly data: Omit<Linked, 'linkedAt'> & { readonly now: string } }
  | {
      readonly type: 'DeleteCard';
      readonly data: {
        readonly by: 'customer' | 'program' | 'platform';
        /** The customer's other live connections (bank or card), counted by the caller. */
        readonly others: number;
        readonly evenTheLast: boolean;
        readonly now: string;
      };
    };

function decide(command: CardConnectionCommand, state: CardConnectionState): CardConnectionEvent[] {
  if (command.type === 'LinkCard') {
    if (state.status !== 'none') throw new DomainError('conflict', 'this connection exists already');
    const { now, ...linked } = command.data;
    return [{ type: 'CardConnectionLinked', data: { ...linked, linkedAt: now } }];
  }
  if (state.status !== 'linked') throw unknownConnection();
  const { by, others, evenTheLast, now } = command.data;
  if (others === 0 && !evenTheLast)
    throw refused('a customer keeps at least one connection: delete the customer to leave', [
      { field: 'connectionId', message: 'the last connection of the customer', code: 'lastConnection' },
    ]);
  return [{ type: 'CardConnectionDeleted', data: { connectionId: state.linked.connectionId, by, deletedAt: now } }];
}

/** A customer's linked card (addCreditCardConnection): linked once, deleted like a bank connection. */
export const cardConnectionDecider: Decider<CardConnectionState, CardConnectionCommand, CardConnectionEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    if (event.type === 'CardConnectionLinked') return { status: 'linked', linked: event.data };
    return state.status === 'none' ? state : { ...state, status: 'deleted' };
  },
  decide,
};
