import type { Knex } from 'knex';
import {
  cardConnectionEvents,
  connectionEvents,
  type CardConnectionEvent,
  type ConnectionEvent,
} from '../../../domain/hub/connections/events.js';
import type { RecordedEvent } from '../../../platform/eventstore/types.js';
import { changeRow, familiesProjection, insertHubRow, type EventHandlers } from '../../shared/handlers.js';
import { columnsOf, type ownerColumns } from '../../shared/columns.js';

export const HUB_CONNECTIONS_PROJECTION = 'hub-connections';
const TABLE = 'rm_hub_connections';

/** Every event moves the row's version; one at or below it was applied already (a replay) and changes nothing. */
const bump = (trx: Knex.Transaction, id: string, event: RecordedEvent, changes: Record<string, unknown>) =>
  changeRow(trx, TABLE, id, event, changes);

type NewConnection = Parameters<typeof ownerColumns>[0] & {
  connectionId: string;
  transactionsEligibleFromDate: string;
};

/** A connection's first row, synchronized from the start; a replay finds it there and leaves it. */
const insertConnection = (
  trx: Knex.Transaction,
  event: RecordedEvent,
  d: NewConnection,
  createdAt: string,
  row: Record<string, unknown>,
) =>
  insertHubRow(trx, TABLE, event, d.connectionId, d, {
    ...row,
    status: 'synchronized',
    eligible_from: d.transactionsEligibleFromDate,
    created_at: createdAt,
    updated_at: createdAt,
  });

/** A bank connection and a linked card are deleted alike: the row stays, marked. */
const markDeleted = (trx: Knex.Transaction, d: { connectionId: string; deletedAt: string }, event: RecordedEvent) =>
  bump(trx, d.connectionId, event, { deleted_at: d.deletedAt, updated_at: d.deletedAt });

const handlers: EventHandlers<ConnectionEvent> = {
  BankConnectionCreated: (trx, d, event) =>
    insertConnection(trx, event, d, d.createdAt, {
      ...columnsOf(d, ['bankId', 'dataProviderType', 'providerCode', 'providerConnectionId', 'credentialsDigest']),
      type: 'bank',
      consent_expires_at: d.consentExpiresAt,
    }),
  BankConnectionSynced: (trx, d, event) =>
    bump(trx, d.connectionId, event, { cursor: d.cursor, updated_at: d.syncedAt }),
  BankConnectionDesynchronized: (trx, d, event) =>
    bump(trx, d.connectionId, event, {
      status: 'desynchronized',
      error_code: d.errorCode,
      error_message: d.errorMessage,
      updated_at: d.desynchronizedAt,
    }),
  BankConnectionResynchronized: (trx, d, event) =>
    bump(trx, d.connectionId, event, {
      status: 'synchronized',
      error_code: null,
      error_message: null,
      ...(d.providerConnectionId !== null ? { provider_connection_id: d.providerConnectionId } : {}),
      ...(d.consentExpiresAt !== null ? { consent_expires_at: d.consentExpiresAt } : {}),
      updated_at: d.resynchronizedAt,
    }),
  BankConnectionDeleted: markDeleted,
};

type CardRowEvent = Exclude<CardConnectionEvent, { type: 'CardConnectionSynced' }>;
const cardHandlers: EventHandlers<CardRowEvent> = {
  CardConnectionLinked: (trx, d, event) =>
    insertConnection(trx, event, d, d.linkedAt, {
      bank_id: null,
      type: 'card',
      data_provider_type: 'bank',
      provider_code: d.providerCode,
      provider_connection_id: d.providerCardId,
      // A card has no bank credentials: it never counts as previously used.
      credentials_digest: '',
      last4: d.last4,
    }),
  CardConnectionDeleted: markDeleted,
};

/** Customers' bank connections and linked cards, live and deleted (flows 1.3–1.8, 2.5). */
export const connectionsProjection = familiesProjection(
  { name: HUB_CONNECTIONS_PROJECTION, version: 1, tables: [TABLE] },
  [connectionEvents, handlers],
  [cardConnectionEvents, cardHandlers],
);
