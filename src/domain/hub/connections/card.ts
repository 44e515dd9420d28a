import { deciderFromNone, evolveFromNone, type Decider, type None, type NoneOr } from '../../shared/decider.js';
import { DomainError } from '../../shared/errors.js';
import { checkDeletion, unknownConnection, type ConnectionDeletion } from './connection.js';
import type { CardConnectionEvent } from './events.js';

type Linked = Extract<CardConnectionEvent, { type: 'CardConnectionLinked' }>['data'];

export type CardConnectionState = NoneOr<{
  readonly status: 'linked' | 'deleted';
  readonly linked: Linked;
  /** Where the last sync left the card's feed (null: never synced). */
  readonly cursor: string | null;
}>;

export type CardConnectionCommand =
  | { readonly type: 'LinkCard'; readonly data: Omit<Linked, 'linkedAt'> & { readonly now: string } }
  | {
      readonly type: 'RecordCardSync';
      readonly data: { readonly cursor: string; readonly imported: number; readonly now: string };
    }
  | {
      readonly type: 'DeleteCard';
      readonly data: ConnectionDeletion & { readonly now: string };
    };

function decide(command: CardConnectionCommand, state: CardConnectionState): CardConnectionEvent[] {
  if (command.type === 'LinkCard') {
    if (state.status !== 'none') throw new DomainError('conflict', 'this connection exists already');
    const { now, ...linked } = command.data;
    return [{ type: 'CardConnectionLinked', data: { ...linked, linkedAt: now } }];
  }
  if (state.status !== 'linked') throw unknownConnection();
  const { connectionId } = state.linked;
  if (command.type === 'RecordCardSync') {
    const { cursor, imported, now } = command.data;
    return [{ type: 'CardConnectionSynced', data: { connectionId, cursor, imported, syncedAt: now } }];
  }
  checkDeletion(command.data);
  const { by, now } = command.data;
  return [{ type: 'CardConnectionDeleted', data: { connectionId, by, deletedAt: now } }];
}

const evolve = evolveFromNone<Exclude<CardConnectionState, None>, CardConnectionEvent, 'CardConnectionLinked'>(
  'CardConnectionLinked',
  (linked) => ({ status: 'linked', linked, cursor: null }),
  {
    CardConnectionSynced: (state, { cursor }) => ({ ...state, cursor }),
    CardConnectionDeleted: (state) => ({ ...state, status: 'deleted' }),
  },
);

/** A customer's linked card (addCreditCardConnection): linked once, synced like a bank connection, deleted like one. */
export const cardConnectionDecider: Decider<CardConnectionState, CardConnectionCommand, CardConnectionEvent> =
  deciderFromNone(evolve, decide);
