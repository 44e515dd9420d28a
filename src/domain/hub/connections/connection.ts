import { deciderFromNone, evolveFromNone, type Decider, type NoneOr } from '../../shared/decider.js';
import { DomainError, refused } from '../../shared/errors.js';
import type { ConnectionErrorCode, ConnectionEvent } from './events.js';

type Created = Extract<ConnectionEvent, { type: 'BankConnectionCreated' }>['data'];

export type ConnectionState = NoneOr<{
  readonly status: 'synchronized' | 'desynchronized' | 'deleted';
  readonly created: Created;
  readonly providerConnectionId: string;
  readonly consentExpiresAt: string | null;
  readonly cursor: string | null;
  readonly errorCode: ConnectionErrorCode | null;
  readonly errorMessage: string | null;
}>;

type Now = { readonly now: string };

/** Who deletes a bank connection or a linked card, and what the customer keeps besides it. */
export interface ConnectionDeletion {
  readonly by: 'customer' | 'program' | 'platform';
  /** The customer's other live connections (bank or card), counted by the caller. */
  readonly others: number;
  /** Deleting the customer, or the hub dropping paymentCard: the last one goes too. */
  readonly evenTheLast: boolean;
}

/** A customer keeps at least one connection, bank or card, unless the deletion says the last one goes too. */
export function checkDeletion({ others, evenTheLast }: ConnectionDeletion): void {
  if (others === 0 && !evenTheLast)
    throw refused('a customer keeps at least one connection: delete the customer to leave', [
      { field: 'connectionId', message: 'the last connection of the customer', code: 'lastConnection' },
    ]);
}
export type ConnectionCommand =
  | { readonly type: 'CreateConnection'; readonly data: Omit<Created, 'createdAt'> & Now }
  | { readonly type: 'RecordSync'; readonly data: { cursor: string; imported: number } & Now }
  | {
      readonly type: 'Desynchronize';
      readonly data: { errorCode: ConnectionErrorCode; errorMessage: string } & Now;
    }
  | {
      readonly type: 'Reauthorise';
      readonly data: { providerConnectionId: string | null; consentExpiresAt: string | null } & Now;
    }
  | {
      readonly type: 'DeleteConnection';
      readonly data: ConnectionDeletion & Now;
    };

type Live = Exclude<ConnectionState, { status: 'none' }>;

export const unknownConnection = (): DomainError =>
  new DomainError('not_found', 'connection not found', [
    { field: 'connectionId', message: 'no such connection', code: 'invalidConnectionId' },
  ]);

const evolve = evolveFromNone<Live, ConnectionEvent, 'BankConnectionCreated'>(
  'BankConnectionCreated',
  (created) => ({
    status: 'synchronized',
    created,
    providerConnectionId: created.providerConnectionId,
    consentExpiresAt: created.consentExpiresAt,
    cursor: null,
    errorCode: null,
    errorMessage: null,
  }),
  {
    BankConnectionSynced: (state, { cursor }) => ({ ...state, cursor }),
    BankConnectionDesynchronized: (state, { errorCode, errorMessage }) => ({
      ...state,
      status: 'desynchronized',
      errorCode,
      errorMessage,
    }),
    BankConnectionResynchronized: (state, resynchronized) => {
      const providerConnectionId = resynchronized.providerConnectionId ?? state.providerConnectionId;
      return {
        ...state,
        status: 'synchronized',
        errorCode: null,
        errorMessage: null,
        providerConnectionId,
        consentExpiresAt: resynchronized.consentExpiresAt ?? state.consentExpiresAt,
        // A new provider connection has a feed of its own, read from its start (a re-import appends nothing).
        cursor: providerConnectionId === state.providerConnectionId ? state.cursor : null,
      };
    },
    BankConnectionDeleted: (state) => ({ ...state, status: 'deleted' }),
  },
);

function decideOnLive(command: ConnectionCommand, state: Live): ConnectionEvent[] {
  const { connectionId } = state.created;
  const { now } = command.data;
  switch (command.type) {
    case 'CreateConnection':
      return [];
    case 'RecordSync': {
      const { cursor, imported } = command.data;
      const synced: ConnectionEvent = {
        type: 'BankConnectionSynced',
        data: { connectionId, cursor, imported, syncedAt: now },
      };
      // A good sync after a failing one resynchronises the connection (flow 2.5).
      if (state.status === 'synchronized') return [synced];
      const back: ConnectionEvent = {
        type: 'BankConnectionResynchronized',
        data: { connectionId, providerConnectionId: null, consentExpiresAt: null, resynchronizedAt: now },
      };
      return [back, synced];
    }
    case 'Desynchronize': {
      const { errorCode, errorMessage } = command.data;
      // Every failing daily sync would say it again: one webhook per change of error.
      if (state.status === 'desynchronized' && state.errorCode === errorCode) return [];
      return [
        {
          type: 'BankConnectionDesynchronized',
          data: { connectionId, errorCode, errorMessage, desynchronizedAt: now },
        },
      ];
    }
    case 'Reauthorise': {
      const { providerConnectionId, consentExpiresAt } = command.data;
      return [
        {
          type: 'BankConnectionResynchronized',
          data: { connectionId, providerConnectionId, consentExpiresAt, resynchronizedAt: now },
        },
      ];
    }
    case 'DeleteConnection': {
      checkDeletion(command.data);
      return [{ type: 'BankConnectionDeleted', data: { connectionId, by: command.data.by, deletedAt: now } }];
    }
  }
}

function decide(command: ConnectionCommand, state: ConnectionState): ConnectionEvent[] {
  if (command.type === 'CreateConnection') {
    if (state.status !== 'none') throw new DomainError('conflict', 'this connection exists already');
    const { now, ...created } = command.data;
    return [{ type: 'BankConnectionCreated', data: { ...created, createdAt: now } }];
  }
  if (state.status === 'none' || state.status === 'deleted') throw unknownConnection();
  return decideOnLive(command, state);
}

/** A customer's bank connection: created at a callback, synced daily, desynchronised and back, deleted. */
export const connectionDecider: Decider<ConnectionState, ConnectionCommand, ConnectionEvent> = deciderFromNone(
  evolve,
  decide,
);
